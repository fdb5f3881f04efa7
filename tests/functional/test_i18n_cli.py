"""The command line in Indonesian: `--ui-lang`, the locale, and what stays English.

The interface language changes every message a person reads (help, output
lines, errors); it changes nothing a script reads (`--json`), and nothing of
a handout, whose headings follow the handout's own `--lang`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader import i18n
from reader.cli import cli
from reader.library import BilingualRow
from reader.service import source_label, source_name
from tests.conftest import Invoke, write_document

CHAPTER = "aliansi-strategis-korea-as"


def assert_one_line_indonesian_error(code: int, out: str, err: str) -> str:
    """Exit status 1 and one line on stderr, in Indonesian; returns the message."""
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("dwibahasa: kesalahan: ")
    assert "Traceback" not in out + err
    return lines[0].removeprefix("dwibahasa: kesalahan: ")


def flat(text: str) -> str:
    """Help text with click's line wrapping undone."""
    return " ".join(text.split())


def machine_row() -> BilingualRow:
    return BilingualRow(
        paragraph_id=1,
        seq=1,
        kind="paragraph",
        level=0,
        lang="id",
        text="Keamanan nasional penting.",
        english="National security is important.",
        english_status="machine",
        english_engine="argos",
        english_model="translate-id_en-1_9",
    )


# Choosing the language ---------------------------------------------------------------------


def test_ui_lang_id_help_has_indonesian_headings_and_command_summaries(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("--ui-lang", "id", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Penggunaan: dwibahasa [OPSI] [PERINTAH] [ARG]...")
    assert "\nOpsi:\n" in out and "\nPerintah:\n" in out
    assert "Tampilkan daftar dokumen dalam pustaka." in out  # list
    assert "Basis istilah diplomasi pertahanan dan keamanan nasional." in out  # glossary
    assert "Usage:" not in out and "List the documents" not in out


def test_subgroup_and_subcommand_help_are_translated(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("--ui-lang", "id", "glossary", "--help")
    assert code == 0
    assert out.startswith("Penggunaan: dwibahasa glossary [OPSI] PERINTAH [ARG]...")
    assert "Basis istilah diplomasi pertahanan dan keamanan nasional." in flat(out)
    assert "Cari istilah glosarium dalam FILE" in flat(out)  # the match command's summary
    code, out, _ = dwibahasa("--ui-lang", "id", "glossary", "export", "--help")
    assert code == 0
    assert "Tulis glosarium sebagai CSV, TBX, JSON, atau dek Anki" in flat(out)
    assert "CSV dengan penanda urutan bita (BOM), untuk Excel." in flat(out)
    code, out, _ = dwibahasa("--ui-lang", "id", "handout", "--help")
    assert code == 0
    assert "Tulis handout kelas dari DOC" in flat(out)
    assert "Timpa berkas keluaran jika sudah ada." in flat(out)
    assert "[wajib]" in flat(out)


def test_ui_lang_id_list_prints_indonesian(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("--ui-lang", "id", "list")
    assert (code, err) == (0, "")
    assert f"{CHAPTER}  BAB IV" in out  # document text as it is
    assert "    40 paragraf, 40 dengan terjemahan Inggris, belum dibuka" in out.splitlines()


def test_user_error_is_one_indonesian_line(dwibahasa: Invoke) -> None:
    message = assert_one_line_indonesian_error(*dwibahasa("--ui-lang", "id", "show", "tidak-ada"))
    assert message.startswith("tidak ada dokumen 'tidak-ada' (yang tersedia: ")
    assert message.endswith("; lihat 'dwibahasa list'")


def test_usage_error_of_our_own_is_indonesian(dwibahasa: Invoke) -> None:
    code, _, err = dwibahasa("--ui-lang", "id", "translate")
    assert code == 2
    assert "Kesalahan: sebutkan satu dokumen, atau gunakan --all" in err


@pytest.mark.parametrize("variable", ["LANGUAGE", "LANG", "LC_ALL"])
def test_indonesian_locale_without_the_flag(
    dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv(variable, "id_ID.UTF-8")
    code, out, _ = dwibahasa("list")
    assert code == 0
    assert "belum dibuka" in out


def test_indonesian_locale_through_clirunner_env(db_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "--help"], env={"LANGUAGE": None, "LANG": "id_ID.UTF-8"}
    )
    assert result.exit_code == 0
    assert result.output.startswith("Penggunaan:")


def test_unknown_locale_falls_back_to_english(
    dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, _ = dwibahasa("--help")
    assert code == 0
    assert out.startswith("Usage: dwibahasa [OPTIONS]")
    code, out, _ = dwibahasa("list")
    assert "with English, not opened" in out


def test_ui_lang_en_overrides_an_indonesian_locale(
    dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "id")
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    code, out, _ = dwibahasa("--ui-lang", "en", "list")
    assert code == 0
    assert "with English, not opened" in out
    code, _, err = dwibahasa("--ui-lang", "en", "show", "tidak-ada")
    assert (code, err.split(":")[:2]) == (1, ["dwibahasa", " error"])


# Output in Indonesian --------------------------------------------------------------------


def test_import_says_what_it_did_in_indonesian(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = write_document(tmp_path / "src", "uji", ["Keamanan nasional penting."])
    code, out, _ = dwibahasa("--ui-lang", "id", "import", str(path))
    assert (code, out) == (0, f"{path}: diimpor sebagai 'uji' (1 paragraf)\n")
    code, out, _ = dwibahasa("--ui-lang", "id", "import", str(path))
    assert (code, out) == (0, f"{path}: sudah diimpor sebagai 'uji' (1 paragraf)\n")


def test_english_counts_agree_with_their_number(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = write_document(tmp_path / "src", "uji", ["Keamanan nasional penting."])
    assert dwibahasa("import", str(path))[1] == f"{path}: imported 'uji' (1 paragraph)\n"
    code, out, _ = dwibahasa("list")
    assert code == 0
    assert "    1 paragraph, 0 with English, not opened" in out.splitlines()


def test_translate_report_is_one_indonesian_line(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = write_document(tmp_path / "src", "uji", ["Satu.", "Dua."])
    dwibahasa("import", str(path))
    code, out, _ = dwibahasa("--ui-lang", "id", "translate", "uji", "--engine", "reference")
    assert code == 0
    assert out == (
        "uji: 0 diterjemahkan (reference), 0 sudah memiliki terjemahan Inggris, "
        "2 tanpa terjemahan Inggris dari mesin penerjemah ini\n"
    )


def test_show_labels_the_source_of_english_in_indonesian(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("--ui-lang", "id", "show", CHAPTER, "--range", "2")
    assert code == 0
    assert "[terjemahan rujukan]" in out


def test_glossary_show_and_check_in_indonesian(dwibahasa: Invoke, tmp_path: Path) -> None:
    code, out, _ = dwibahasa("--ui-lang", "id", "glossary", "show", "keamanan nasional")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("  terkait: ") for line in lines)
    assert any(line.startswith("  catatan: ") for line in lines)
    assert any(re.fullmatch(r"\d+ kemunculan", line) for line in lines)
    code, out, _ = dwibahasa("--ui-lang", "id", "glossary", "check", CHAPTER)
    assert (code, out.count("\n")) == (0, 1)  # the reference English renders every term
    path = write_document(tmp_path / "src", "uji-cek", ["Ancaman meningkat."], ["It grows."])
    assert dwibahasa("import", str(path))[0] == 0
    code, out, _ = dwibahasa("--ui-lang", "id", "glossary", "check", "uji-cek")
    assert code == 0
    lines = out.splitlines()
    assert "— terjemahan Inggris tidak memuat '" in lines[0]
    assert re.fullmatch(r"\d+ istilah tanpa padanan", lines[-1])


def test_no_matches_message_goes_to_stderr_in_indonesian(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("--ui-lang", "id", "search", "zzzqqq")
    assert (code, out) == (0, "")
    assert err == "Tidak ada paragraf yang cocok dengan 'zzzqqq'.\n"


# What stays English ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--json"),
        ("show", CHAPTER, "--range", "1-3", "--json"),
        ("search", "keamanan", "--limit", "5", "--json"),
        ("glossary", "check", CHAPTER, "--json"),
    ],
)
def test_json_is_the_same_in_both_languages(dwibahasa: Invoke, args: tuple[str, ...]) -> None:
    english = dwibahasa("--ui-lang", "en", *args)
    indonesian = dwibahasa("--ui-lang", "id", *args)
    assert english == indonesian
    assert english[0] == 0


def test_show_json_source_label_stays_english(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("--ui-lang", "id", "show", CHAPTER, "--range", "2", "--json")
    assert code == 0
    assert '"en_source_label": "reference translation"' in out


def test_source_labels_follow_the_interface_or_the_given_catalog() -> None:
    row = machine_row()
    assert source_label(row) == "machine translation, not reviewed (argos, translate-id_en-1_9)"
    i18n.activate("id")
    assert source_label(row) == "terjemahan mesin, belum ditinjau (argos, translate-id_en-1_9)"
    assert source_label(row, i18n.translation("en")).startswith("machine translation")
    assert source_name(None) == "belum ada terjemahan bahasa Inggris"
    assert source_name("missing", i18n.translation("en")) == "no English yet"


# Handouts follow --lang, not the interface -------------------------------------------------


def make_handout(dwibahasa: Invoke, out: Path, *, ui: str, lang: str) -> tuple[str, str]:
    """A Markdown handout of ¶1–3 of the chapter; (its text, the command's stderr)."""
    args = ("--ui-lang", ui, "handout", CHAPTER, "--range", "1-3", "--lang", lang, "-o", str(out))
    code, _, err = dwibahasa(*args)
    assert code == 0, err
    return out.read_text(encoding="utf-8"), err


def test_indonesian_handout_whatever_the_interface(dwibahasa: Invoke, tmp_path: Path) -> None:
    for ui in ("en", "id"):
        text, _ = make_handout(dwibahasa, tmp_path / f"{ui}.md", ui=ui, lang="id")
        assert "## Teks" in text and "## Glosarium" in text
        assert "**Kutip sebagai:**" in text
        assert "Istilah glosarium dicetak tebal." in text
        assert "Bahasa Inggris: terjemahan rujukan ¶1–3" in text
        assert "Paragraf 1–3 dari 40" in text


def test_english_handout_from_an_indonesian_interface(dwibahasa: Invoke, tmp_path: Path) -> None:
    text, err = make_handout(dwibahasa, tmp_path / "h.md", ui="id", lang="en")
    assert "## Text" in text and "## Glossary" in text
    assert "**Cite as:**" in text
    assert "English: reference translation ¶1–3" in text
    assert "Glosarium" not in text and "Kutip" not in text
    # The message about the file is for the person at the terminal: in the interface language.
    assert re.fullmatch(
        rf"handout md dari '{CHAPTER}' ¶1–3 \(\d+ istilah\) ditulis ke .*h\.md\n", err
    )


def test_handout_page_footer_is_one_translated_sentence(dwibahasa: Invoke, tmp_path: Path) -> None:
    code, _, _ = dwibahasa(
        "handout", CHAPTER, "--range", "1", "--lang", "id", "-o", str(tmp_path / "h.html")
    )
    assert code == 0
    html = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert 'content: "Halaman" " " counter(page) " " "dari" " " counter(pages);' in html


def test_handout_author_list_is_joined_in_the_handout_language(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    path = write_document(tmp_path / "src", "uji", ["Keamanan nasional penting."])
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace('["Penulis Uji"]', '["Ana", "Budi", "Citra"]'), encoding="utf-8")
    dwibahasa("import", str(path))
    cited = {}
    for lang in ("id", "en"):
        out = tmp_path / f"{lang}.md"
        code, _, err = dwibahasa(
            "--ui-lang", "id", "handout", "uji", "--allow-missing", "--lang", lang, "-o", str(out)
        )
        assert code == 0, err
        cited[lang] = out.read_text(encoding="utf-8")
    assert "Ana, Budi dan Citra (2024)" in cited["id"]
    assert "Ana, Budi \\& Citra (2024)" in cited["en"]  # Markdown escapes the &


def test_indonesian_handout_error_messages(dwibahasa: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "h.md"
    out.write_text("lama", encoding="utf-8")
    message = assert_one_line_indonesian_error(
        *dwibahasa("--ui-lang", "id", "handout", CHAPTER, "-o", str(out))
    )
    assert message == f"{out}: sudah ada; tambahkan --force untuk menimpanya"
    message = assert_one_line_indonesian_error(
        *dwibahasa(
            "--ui-lang", "id", "handout", CHAPTER, "--range", "99", "-o", str(tmp_path / "x.md")
        )
    )
    assert message == "rentang '99' berada di luar dokumen (paragraf 1 sampai 40)"
