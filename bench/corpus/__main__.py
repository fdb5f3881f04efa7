"""`python -m bench.corpus build OUT_DIR` (the whole corpus; `--unseen`, `--heldout`: the
held-out ones) or `fixtures` (the test subset)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import FIXTURES, build, expected_path  # noqa: E402

FIXTURE_DIR = ROOT / "tests" / "fixtures" / "realistic"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="write the corpus into OUT_DIR")
    build_command.add_argument("out_dir", type=Path)
    build_command.add_argument("--only", help="comma-separated file names")
    build_command.add_argument("--no-libreoffice", action="store_true")
    build_command.add_argument(
        "--unseen", action="store_true", help="the held-out corpus (bench/corpus/unseen.py)"
    )
    build_command.add_argument(
        "--heldout",
        action="store_true",
        help="the second held-out corpus (bench/corpus/heldout.py)",
    )
    commands.add_parser("fixtures", help=f"refresh {FIXTURE_DIR.relative_to(ROOT)}")
    options = parser.parse_args(argv)
    if options.command == "build":
        only = options.only.split(",") if options.only else None
        held_out: dict[str, object] = {}
        if options.unseen:
            from bench.corpus import unseen

            held_out = {"files": unseen.FILES, "sources": unseen.SOURCES}
        elif options.heldout:
            from bench.corpus import heldout

            held_out = {"files": heldout.FILES, "sources": heldout.SOURCES}
        written = build(
            options.out_dir, only=only, libreoffice=not options.no_libreoffice, **held_out
        )
        for name in written:
            size = (options.out_dir / name).stat().st_size
            print(f"{name:28} {size / 1024:7.1f} KB")
        return 0
    with tempfile.TemporaryDirectory(prefix="dwibahasa-corpus-") as scratch:
        written = build(Path(scratch), only=FIXTURES)
        for name in written:
            if name not in FIXTURES:
                continue
            for path in (Path(scratch) / name, expected_path(Path(scratch) / name)):
                shutil.copyfile(path, FIXTURE_DIR / path.name)
            print(f"tests/fixtures/realistic/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
