; Inno Setup 6 script: per-user installer of 政府工作报告任务办理 (no administrator rights needed).
; Saved as UTF-8 with a BOM: Inno Setup reads the Chinese names correctly only then.
; Built by build_windows.ps1:  ISCC /DAppVersion=0.1.0 /DSourceDir=<bundle folder> [/DChineseIsl=<file>] gwr_desktop.iss
; NOT RUN BY THE AUTHOR on Windows yet (see README: what still needs a real Windows PC).
;
; - installs into %LOCALAPPDATA%\Programs\gwr_desktop ({autopf} with PrivilegesRequired=lowest); an
;   administrator may choose "for all users" in the dialog (Program Files);
; - Start-menu entry (the window, gwr-desktopw.exe) and, if wanted, a desktop icon;
; - the command line gwr-desktop.exe can be added to the user's PATH (task "addtopath");
; - uninstall from 设置 → 应用 or the Start menu; the data (database, backups, logs) is kept:
;   it lives in %LOCALAPPDATA%\gwr_desktop or the folder chosen in 文件 → 数据文件夹….

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\gwr_desktop"
#endif
#define AppName "政府工作报告任务办理"
#define WindowExe "gwr-desktopw.exe"

[Setup]
AppId={{6F1B7C52-2D0E-4B8A-9A57-3C4E8F2D9B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=gwr_desktop
DefaultDirName={autopf}\gwr_desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; "x64" rather than 6.3's "x64compatible": accepted by every Inno Setup 6 (6.3 only warns).
ArchitecturesAllowed=x64
ArchitecturesInstallIn64BitMode=x64
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=gwr_desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\gwr_desktop.ico
UninstallDisplayIcon={app}\{#WindowExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The running program holds its files open: ask to close it (Restart Manager) before replacing them.
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=yes

[Languages]
#ifdef ChineseIsl
Name: "chs"; MessagesFile: "{#ChineseIsl}"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建图标"; Flags: unchecked
Name: "addtopath"; Description: "把命令行 gwr-desktop 加入 PATH（高级用户）"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#WindowExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; Per-user PATH entry for the console command line (only with the task; removed again on uninstall).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NotInPath(ExpandConstant('{app}')); Flags: preservestringtype

[Run]
Filename: "{app}\{#WindowExe}"; Description: "启动 {#AppName}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the program writes beside itself (none by design), and Python's bytecode caches.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
function NotInPath(Folder: string): Boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Folder) + ';', ';' + Uppercase(Current) + ';') = 0;
end;

procedure RemoveFromPath(Folder: string);
var
  Current, Needle: string;
  Position: Integer;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
    exit;
  Needle := ';' + Folder;
  Position := Pos(Uppercase(Needle), Uppercase(Current));
  if Position > 0 then
  begin
    Delete(Current, Position, Length(Needle));
    RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
