/** A unit cube as OBJ text, its faces using material `orange` from `cube.mtl`. */
export function tinyObj(mtllib = 'cube.mtl'): string {
  const vertices = [
    [-1, -1, -1],
    [1, -1, -1],
    [1, 1, -1],
    [-1, 1, -1],
    [-1, -1, 1],
    [1, -1, 1],
    [1, 1, 1],
    [-1, 1, 1],
  ];
  const faces = [
    [1, 2, 3, 4],
    [5, 8, 7, 6],
    [1, 5, 6, 2],
    [2, 6, 7, 3],
    [3, 7, 8, 4],
    [5, 1, 4, 8],
  ];
  return [
    `mtllib ${mtllib}`,
    ...vertices.map((vertex) => `v ${vertex.join(' ')}`),
    'usemtl orange',
    ...faces.map((face) => `f ${face.join(' ')}`),
    '',
  ].join('\n');
}

/** The cube's material: orange, with a texture name when given. */
export function tinyMtl(texture?: string): string {
  return [
    'newmtl orange',
    'Kd 1 0.45 0.1',
    'Ke 1 0.45 0.1',
    ...(texture ? [`map_Kd -s 1 1 1 ${texture}`] : []),
    '',
  ].join('\n');
}
