@echo off
rem The ferry command line, shipped inside the app: runs Ferry.exe as plain Node on the bundled CLI.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Ferry.exe" "%~dp0..\app.asar\out\main\cli.cjs" %*
