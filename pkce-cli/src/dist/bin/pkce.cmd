@echo off
rem The pkce command line tool. Needs a Java 11+ runtime: java on the PATH, or JAVA_HOME set.
rem Usage: pkce --help
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java"
)
"%JAVA_EXE%" %JAVA_OPTS% -cp "%APP_HOME%\lib\*" io.github.pkce4j.cli.PkceCommand %*
exit /b %ERRORLEVEL%
