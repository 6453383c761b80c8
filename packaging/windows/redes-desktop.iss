; Inno Setup 6 script: per-user installer of the one-folder bundle built by redes-desktop.spec.
; Build (on Windows): iscc packaging\windows\redes-desktop.iss  → dist\redes-desktop-0.1.0-setup.exe
; Per-user: no administrator rights, installs under %LOCALAPPDATA%\Programs\Redes INE.
; Uninstalling removes the program folder only. The user's data folder
; (%LOCALAPPDATA%\INE\redes-desktop: database, bitácora, settings, backups) is never touched:
; it is not created by the installer, so the uninstaller does not know it.

#define AppName "Redes INE"
#define AppVersion "0.1.0"
#define Bundle "..\..\dist\redes-desktop"

[Setup]
AppId={{6F0C2B1E-8C1A-4B7E-9E55-2D7A1C3F4B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Instituto Nacional Electoral
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=redes-desktop-{#AppVersion}-setup
SetupIconFile=redes-desktop.ico
UninstallDisplayIcon={app}\redes-desktop-gui.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\redes-desktop-gui.exe"; WorkingDir: "{app}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\redes-desktop-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Crear un acceso directo en el escritorio"; Flags: unchecked

[Run]
Filename: "{app}\redes-desktop-gui.exe"; Description: "Abrir {#AppName}"; Flags: nowait postinstall skipifsilent

; Only the program folder goes; [UninstallDelete] deliberately lists nothing of the data folder.
