"""Output that cannot crash: a console or a redirected file in cp1252 (Windows), a C
locale in ASCII. Text is written in the stream's encoding, each character it lacks as
its equivalent (`−` as `-`); JSON is UTF-8 bytes whatever the console."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "workbooks" / "exemples"
# Its P001 message holds a minus sign, U+2212, which cp1252 and ASCII lack.
WITH_MINUS = EXAMPLES / "cp-2024-09-16-convention-france-travail.xlsx"

CP1252 = {"PYTHONIOENCODING": "cp1252"}
# The C locale: Python would switch it to UTF-8 by itself (PEP 538, 540); without that
# switch (an embedded or older Python, a program that turns it off) it is ASCII.
C_ASCII = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
ENVIRONMENTS = {"cp1252": (CP1252, "cp1252"), "C-ascii": (C_ASCII, "ascii")}

P001 = (
    "    erreur         'Annexe 2'!F26 [P001] ETP d'accompagnement (CD, PE...) : le delta est 3 030 places ; "
    "cible 1 030 places {minus} existant 700 places = 330 places ({ecart} +2 700)."
)


def _environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "LC_", "PYTHONUTF8"))}
    return {**env, **extra}


def _run(args: list[str], extra: dict[str, str], output: Path) -> subprocess.CompletedProcess:
    """`pointage ARGS > output`, stderr captured."""
    with output.open("wb") as stream:
        return subprocess.run(
            [sys.executable, "-m", "pointage", *args],
            stdout=stream,
            stderr=subprocess.PIPE,
            env=_environment(extra),
            timeout=120,
        )


def _reference(args: list[str], tmp_path: Path) -> bytes:
    """The same command on a UTF-8 stream: what every other encoding must say."""
    result = _run(args, {"PYTHONIOENCODING": "utf-8"}, tmp_path / "reference.out")
    assert result.returncode == 1 and result.stderr == b""
    return (tmp_path / "reference.out").read_bytes()


@pytest.fixture
def folder(tmp_path):
    """A batch: the three examples, one with a minus sign in its messages."""
    target = tmp_path / "dossier-cp"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns("*.py"))
    return target


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("batch", [False, True], ids=["un-classeur", "dossier"])
def test_text_output_is_written_in_the_streams_encoding(environment, batch, folder, tmp_path):
    extra, encoding = ENVIRONMENTS[environment]
    args = ["verifier", str(folder if batch else WITH_MINUS)]
    reference = _reference(args, tmp_path).decode("utf-8")
    result = _run(args, extra, tmp_path / "out.txt")
    assert (result.returncode, result.stderr) == (1, b"")
    written = (tmp_path / "out.txt").read_bytes().decode(encoding)  # strict: no stray byte
    if encoding == "cp1252":
        # The only character of these reports cp1252 lacks; « », é, €, — are kept.
        assert written == reference.replace("\u2212", "-")
    else:
        assert written.isascii()
        assert written.count("\n") == reference.count("\n")
        assert P001.format(minus="-", ecart="ecart") in written.splitlines()
        assert "  Lu : 'Annexe 2'!A5:H14 - Tableau de plan de financement (3 lignes de total)" in written
    assert "\\u2212" not in written


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("batch", [False, True], ids=["un-classeur", "dossier"])
def test_json_is_utf8_whatever_the_console(environment, batch, folder, tmp_path):
    extra, _ = ENVIRONMENTS[environment]
    args = ["verifier", str(folder if batch else WITH_MINUS), "--format", "json"]
    reference = _reference(args, tmp_path)
    result = _run(args, extra, tmp_path / "controle.json")
    assert (result.returncode, result.stderr) == (1, b"")
    written = (tmp_path / "controle.json").read_bytes()
    assert written == reference
    messages = [
        f["message"] for file in json.loads(written.decode("utf-8"))["files"] for f in file["findings"]
    ]
    assert P001.format(minus="\u2212", ecart="écart").split("[P001] ")[1] in messages


def test_the_readme_batch_command_works_on_a_windows_console(folder, tmp_path):
    """README, « Vérifier un lot avant la commission », as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Vérifier un lot avant la commission", 1)[1]
    command = re.search(r"```bash\n(.*?)\n```", section, re.S).group(1).strip()
    assert command == ".venv/bin/pointage verifier dossier-cp/ --format json > controle.json"
    pointage = f"{sys.executable} -m pointage"
    result = subprocess.run(
        command.replace(".venv/bin/pointage", pointage),
        shell=True,
        cwd=folder.parent,
        env=_environment(CP1252),
        stderr=subprocess.PIPE,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (1, b"")
    document = json.loads((folder.parent / "controle.json").read_bytes().decode("utf-8"))
    assert [Path(f["path"]).name for f in document["files"]] == sorted(
        p.name for p in EXAMPLES.glob("*.xlsx")
    )
    assert document["summary"] == {"erreur": 4, "avertissement": 4, "info": 0}


def test_standard_error_says_what_cp1252_lacks_by_its_equivalent(tmp_path):
    """Notices go to stderr with --format json: a path holding `−` is said with `-`."""
    folder = tmp_path / "budget\u22122025"
    folder.mkdir()
    shutil.copy(WITH_MINUS, folder / "annexe.xlsx")
    args = ["verifier", str(folder / "annexe.xlsx"), "--annoter", "--format", "json"]
    result = _run(args, CP1252, tmp_path / "controle.json")
    assert result.returncode == 1
    assert result.stderr.decode("cp1252") == (
        f"Copie annotée écrite : {tmp_path}/budget-2025/annexe.pointage.xlsx "
        "(le classeur vérifié n'a pas été modifié).\n"
    )
    document = json.loads((tmp_path / "controle.json").read_bytes().decode("utf-8"))
    assert document["files"][0]["path"] == str(folder / "annexe.xlsx")  # JSON: the exact path


def test_the_progress_bar_on_a_cp1252_terminal(folder):
    """On a terminal (a pseudo-terminal here) the bar is drawn; `█` is `#` in cp1252."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "pointage", "verifier", str(folder)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=_environment(CP1252),
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process has gone: the terminal is closed
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 1
    text = screen.decode("cp1252")
    assert "\r[" + "#" * 30 + "] 3/3 " in text
    assert "\\u2588" not in text and "Traceback" not in text
    assert P001.format(minus="-", ecart="écart") in text.replace("\r\n", "\n").splitlines()
