<#
.SYNOPSIS
    Build the Windows bundle of gwr_desktop, smoke-test it, and make the per-user installer.

.DESCRIPTION
    For whoever builds releases, on Windows 10/11 x64 (or the GitHub runner of
    .github/workflows/windows-bundle.yml), from a clean checkout:

      1. a clean copy of the checkout (git ls-files), so nothing local leaks into the build
      2. a build venv; the wheel built from the copy and installed into it, with the pinned
         PyInstaller of packaging\requirements-bundle.txt
      3. PyInstaller, packaging\gwr_desktop.spec: one folder, gwr-desktopw.exe (the window, no
         console) and gwr-desktop.exe (the console command line)
      4. packaging\smoke_test.py runs the bundle itself from a folder whose path has
         Chinese characters and a space: first run, tasks, form/fill, export docx/xlsx/pdf,
         signoff, backup, and the window's first paint
      5. a portable zip and, with Inno Setup 6 (ISCC.exe), the installer (no admin rights)

    Written for Windows PowerShell 5.1 (the version on the officers' PCs) and kept ASCII-only,
    because 5.1 reads a script without a BOM in the ANSI code page.
    NOT RUN BY THE AUTHOR: this script has not been run on a real Windows PC yet (see README).

.PARAMETER Python
    python.exe of CPython 3.11 x64 (default: what "py -3.11" finds).
.PARAMETER OutDir
    Where the zip, the installer and bundle-report.txt go (default: packaging\dist).
.PARAMETER ChineseIsl
    Inno Setup's ChineseSimplified.isl (an unofficial translation, not installed with Inno Setup);
    without it the installer speaks English.
.PARAMETER NoInstaller
    Stop after the zip.
#>
param(
    [string]$Python = "",
    [string]$OutDir = "",
    [string]$ChineseIsl = "",
    [switch]$NoInstaller
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
# Read what git and Python print as UTF-8 (file names, messages), not in the console's OEM code page.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$env:PYTHONIOENCODING = "utf-8"

function Invoke-Native {
    # Run a program and stop when it fails ($ErrorActionPreference does not cover native exit codes in 5.1).
    param([Parameter(Mandatory)][string]$Exe, [string[]]$Arguments = @())
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Write-Step([string]$Text) {
    $elapsed = [int]((Get-Date) - $script:Started).TotalSeconds
    Write-Host "bundle: [${elapsed}s] $Text"
}

$script:Started = Get-Date
$repo = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
if (-not $OutDir) { $OutDir = Join-Path $repo "packaging\dist" }
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
$OutDir = (Resolve-Path $OutDir).Path
if (-not $Python) {
    $Python = (& py -3.11 -c "import sys; print(sys.executable)").Trim()
    if ($LASTEXITCODE -ne 0) { throw "Python 3.11 x64 not found: install it or pass -Python C:\...\python.exe" }
}
$work = Join-Path ([System.IO.Path]::GetTempPath()) ("gwr-bundle-" + [guid]::NewGuid().ToString("N").Substring(0, 8))
New-Item -ItemType Directory -Force -Path $work | Out-Null

try {
    Write-Step "clean copy of the checkout"
    $src = Join-Path $work "src"
    Push-Location $repo
    try {
        $files = (& git -c core.quotepath=off ls-files --cached --others --exclude-standard) | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf }
        if ($LASTEXITCODE -ne 0) { throw "git ls-files failed" }
        foreach ($file in $files) {
            $target = Join-Path $src $file
            New-Item -ItemType Directory -Force -Path (Split-Path $target) | Out-Null
            Copy-Item -LiteralPath $file -Destination $target
        }
    } finally { Pop-Location }

    Write-Step "build venv, wheel, PyInstaller"
    Invoke-Native $Python @("-m", "venv", (Join-Path $work "venv"))
    $venvPython = Join-Path $work "venv\Scripts\python.exe"
    $pip = @("-m", "pip", "--disable-pip-version-check", "--no-input", "-q")
    Invoke-Native $venvPython ($pip + @("wheel", "--no-deps", "-w", (Join-Path $work "wheel"), $src))
    $wheel = (Get-ChildItem (Join-Path $work "wheel\gwr_desktop-*.whl")).FullName
    $version = (Split-Path $wheel -Leaf).Split("-")[1]
    Invoke-Native $venvPython ($pip + @("install", $wheel, "-r", (Join-Path $src "packaging\requirements-bundle.txt")))

    Write-Step "PyInstaller"
    $pyinstallerStarted = Get-Date
    Push-Location $work
    try {
        Invoke-Native (Join-Path $work "venv\Scripts\pyinstaller.exe") @("--noconfirm", "--log-level", "WARN",
            "--distpath", (Join-Path $work "dist"), "--workpath", (Join-Path $work "build"),
            (Join-Path $src "packaging\gwr_desktop.spec"))
    } finally { Pop-Location }
    $pyinstallerSeconds = [int]((Get-Date) - $pyinstallerStarted).TotalSeconds
    $bundle = Join-Path $work "dist\gwr_desktop"

    Write-Step "smoke test of the bundle"
    Invoke-Native $venvPython @((Join-Path $src "packaging\smoke_test.py"), $bundle)

    Write-Step "portable zip"
    $name = "gwr_desktop-$version-windows-x64"
    $zip = Join-Path $OutDir "$name-portable.zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $bundle -DestinationPath $zip -CompressionLevel Optimal

    if (-not $NoInstaller) {
        Write-Step "installer (Inno Setup)"
        $iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
        if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
        if (-not (Test-Path $iscc)) { throw "Inno Setup 6 not found (ISCC.exe); install it or pass -NoInstaller" }
        $defines = @("/DAppVersion=$version", "/DSourceDir=$bundle", "/O$OutDir", "/F$name-setup")
        if ($ChineseIsl) { $defines += "/DChineseIsl=$((Resolve-Path $ChineseIsl).Path)" }
        Invoke-Native $iscc ($defines + @((Join-Path $src "packaging\windows\gwr_desktop.iss")))
    }

    $bytes = (Get-ChildItem -Recurse -File $bundle | Measure-Object -Property Length -Sum).Sum
    $report = @(
        "bundle: $name",
        ("folder size: {0:N1} MB ({1} bytes), {2} files" -f ($bytes / 1MB), $bytes, (Get-ChildItem -Recurse -File $bundle).Count),
        ("portable zip: {0:N1} MB" -f ((Get-Item $zip).Length / 1MB)),
        "build time: $([int]((Get-Date) - $script:Started).TotalSeconds) s, of which PyInstaller $pyinstallerSeconds s",
        "python: $(& $venvPython -c 'import sys; print(sys.version)')"
    )
    $report | Set-Content -LiteralPath (Join-Path $OutDir "bundle-report.txt") -Encoding UTF8
    $report | ForEach-Object { Write-Host $_ }
} finally {
    Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
}
