import { useEffect, useId, useState } from 'react';
import { templateFolders } from '../../../shared/file-name-template';
import { settingProblem } from '../../../shared/settings';
import { Field } from '../Field';

const sample = { provider: 'echo3d', queue: 'Default', name: 'lamp.glb' };

interface FileNameTemplateFieldProps {
  value: string;
  downloadDir: string;
  onCommit(value: string): void;
}

/**
 * The file-name template with, as the person types, where a sample download
 * would land: the same `templateFolders` the main process names folders with.
 * Saved when it leaves the field (or on Enter) if it is valid.
 */
export function FileNameTemplateField({ value, downloadDir, onCommit }: FileNameTemplateFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const problem = settingProblem('fileNameTemplate', draft);

  useEffect(() => setDraft(value), [value]);

  function commit() {
    if (!problem && draft !== value) onCommit(draft);
  }

  return (
    <div className="template-field">
      <Field
        id={id}
        label="File names"
        hint="Folders below the download folder, ending in {name}; {provider} and {queue} fill in."
        problem={problem}
      >
        <input
          id={id}
          type="text"
          className="wide"
          spellCheck={false}
          value={draft}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-note ${id}-example`}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
          }}
        />
      </Field>
      <p id={`${id}-example`} className="template-example" data-testid="template-example">
        {problem ? (
          'Fix the template to see an example.'
        ) : (
          <>
            An echo3D model {sample.name} in the {sample.queue} queue is saved as{' '}
            <code>{[folderName(downloadDir), ...templateFolders(draft, sample), sample.name].join('/')}</code>
          </>
        )}
      </p>
    </div>
  );
}

function folderName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}
