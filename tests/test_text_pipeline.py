"""Text pipeline: clean-up, romanisation, skeletons and name-part tagging (pure functions)."""

from __future__ import annotations

import pytest

from raqib.text.normalize import NameInputError, clean_name
from raqib.text.parts import PartKind, analyse_name
from raqib.text.phonetic import skeleton
from raqib.text.translit import romanize_word


@pytest.mark.parametrize(
    "bad", ["", "   \t\n", "\x00\x01\x02", "🙂🙂", "x" * 100_000, "—…—"],
)
def test_bad_names_raise_clear_value_errors(bad: str) -> None:
    with pytest.raises(NameInputError) as err:
        clean_name(bad)
    assert isinstance(err.value, ValueError) and str(err.value)


def test_clean_name_strips_controls_and_emoji_but_keeps_letters() -> None:
    assert clean_name("  Sergei\u200b\x07 Lavrov 🙂 ") == "Sergei Lavrov"


def test_stress_marks_go_but_letters_with_accents_stay() -> None:
    assert clean_name("Ру\u0301сич") == "Русич"  # dictionary stress would split the word
    assert clean_name("Jose\u0301 Сергей") == "José Сергей"  # é composed, й untouched


@pytest.mark.parametrize(
    ("a", "b"),
    [("lafruf", "lavrov"), ("mhmd", "muhammad"), ("mohamed", "muhammad"), ("qasem", "kasem"), ("sirghi", "sergei"),
     ("butin", "putin"), ("usamah", "usama")],
)
def test_skeletons_agree_across_spellings(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def test_skeletons_keep_different_names_apart() -> None:
    assert skeleton("lavrov") != skeleton("lavrenov")
    assert skeleton("mamluk") != skeleton("malik")


def test_arabic_romanisation_splits_joined_particles() -> None:
    assert romanize_word("لافروف")[0][:1] == ("lafruf",)  # first the English-style spelling, then others
    assert "lafrouf" in romanize_word("لافروف")[0]  # French-style waw
    assert [p[0] for p in romanize_word("عبدالرحمن")] == ["abd", "al", "rhmn"]


def test_cyrillic_gives_several_spellings() -> None:
    (forms,) = romanize_word("Сергей")
    assert {"sergey", "sergei"} <= set(forms)


def test_korean_family_name_first_with_conventional_spellings() -> None:
    parts = romanize_word("김정은")
    assert parts[0][0] == "kim" and "jong" in parts[1] and "un" in parts[2]
    assert {"ri", "lee"} <= set(romanize_word("리설주")[0])


def test_arabic_structure_particles_and_abd_compounds() -> None:
    parts = analyse_name("Ali Saed bin Ali al-Houri")
    kinds = [p.kind for p in parts]
    assert kinds.count(PartKind.PARTICLE) == 2
    forms = {analyse_name(n)[0].forms[0] for n in ("Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdel Rahman")}
    assert forms == {"abdrahman"}
    assert analyse_name("عبد الرحمن")[0].skeletons[0] == analyse_name("Abdulrahman")[0].skeletons[0]


def test_muhammad_cluster_in_latin_and_arabic() -> None:
    keys = {analyse_name(n)[0].key for n in ("Mohammed", "Muhammad", "Mohd", "Md", "محمد")}
    assert keys == {"muhammad"}


def test_russian_patronymic_is_tagged() -> None:
    parts = analyse_name("LAVROV, Sergei Viktorovich")
    assert [p.kind for p in parts] == [PartKind.NAME, PartKind.NAME, PartKind.PATRONYMIC]


@pytest.mark.parametrize(
    ("name", "form"),
    [("Chip Expert LLC", "llc"), ("OOO Chip Ekspert", "llc"), ("Банк ВТБ (ПАО)", "pjsc"), ("VTB Bank PJSC", "pjsc"),
     ("Общество с ограниченной ответственностью Ромашка", "llc"), ("Goldman Sachs & Co. L.L.C.", "llc"),
     ("Tactical Missiles Corporation Joint Stock Company", "jsc")],
)
def test_legal_forms_latin_and_cyrillic(name: str, form: str) -> None:
    legal = [p.key for p in analyse_name(name) if p.kind == PartKind.LEGAL_FORM]
    assert legal[-1:] == [form] or legal[:1] == [form]


def test_generic_org_words_are_translated() -> None:
    assert [p.key for p in analyse_name("شركة النور") if p.kind == PartKind.ORG_WORD] == ["company"]
    assert analyse_name("Банк ВТБ")[0].key == analyse_name("VTB Bank")[1].key == "bank"


def test_honorifics_become_low_weight_titles() -> None:
    parts = analyse_name("Sheikh Dr. Mohammed Ali")
    assert [p.key for p in parts if p.kind != PartKind.TITLE] == ["muhammad", "ali"]
    assert [p.kind for p in parts[:2]] == [PartKind.TITLE, PartKind.TITLE]
    assert [p.key for p in analyse_name("General Motors Company")][0] == "general"
    # a vessel named with a title word keeps it, so it still matches itself
    assert [p.forms[0] for p in analyse_name("LADY RANIA")] == ["lady", "rania"]


def test_mixed_script_name_is_analysed() -> None:
    parts = analyse_name("Sergei Лавров")
    assert [p.forms[0] for p in parts] == ["sergei", "lavrov"]


def test_arabic_pointing_does_not_split_words() -> None:
    # A damma (كُل) or shadda (الله) is optional pointing, not a word boundary.
    assert [p.original for p in analyse_name("كُل آغا")] == ["كل", "آغا"]
    assert analyse_name("عبد اللّه")[0].forms == analyse_name("عبد الله")[0].forms


def test_name_plus_allah_is_one_part() -> None:
    (part,) = analyse_name("سيف الله")
    assert part.original == "سيف الله" and any(f.endswith("ullah") for f in part.forms)
    (urdu,) = analyse_name("ثناء اللہ")  # Urdu heh
    assert urdu.original == "ثناء اللہ"


def test_particles_are_recognised_by_their_arabic_spelling() -> None:
    # عابد (Abid) romanises letter by letter to "abd" but is no Abd + name compound.
    assert [p.original for p in analyse_name("عابد عبدالله")] == ["عابد", "عبد الله"]


def test_legal_form_phrase_read_through_one_typo() -> None:
    parts = analyse_name("LIMITED LIABILITY COMPANI LANMAX")
    assert [(p.kind, p.key) for p in parts] == [(PartKind.LEGAL_FORM, "llc"), (PartKind.NAME, "lanmax")]
    assert analyse_name("Salim Company")[0].kind == PartKind.NAME  # no phrase: no typo reading


def test_one_letter_beside_initials_is_an_initial() -> None:
    assert [p.kind for p in analyse_name("R. Y. BAKER")] == [PartKind.INITIAL, PartKind.INITIAL, PartKind.NAME]
    assert analyse_name("Juan y Maria")[1].kind == PartKind.STOPWORD


def test_abd_compound_stops_at_the_comma_and_ph_reads_as_f() -> None:
    assert [p.original for p in analyse_name("AL-'ABD, Ahmad")] == ["AL", "ABD", "Ahmad"]
    assert [p.original for p in analyse_name("Abdul Rahman")] == ["Abdul Rahman"]
    assert "agrofen" in analyse_name("AGROPHEN")[0].forms


def test_words_written_together_are_split() -> None:
    assert [p.original for p in analyse_name("SHEIKHMuhammad Naeem")] == ["SHEIKH", "Muhammad", "Naeem"]
    assert [(p.original, p.kind) for p in analyse_name("GLOBALTRANSLIMITED")] == [
        ("GLOBALTRANS", PartKind.NAME), ("LIMITED", PartKind.LEGAL_FORM)]
    # Odd capitals inside one word are no boundary, and names ending like a legal form stay whole.
    assert [p.original for p in analyse_name("ARThAM")] == ["ARThAM"]
    assert [p.original for p in analyse_name("Zinc")] == ["Zinc"]


def test_a_title_before_the_comma_is_the_surname() -> None:
    assert analyse_name("SHEIKH, Muhammad Naeem")[0].kind == PartKind.NAME
    assert analyse_name("Sheikh Muhammad Naeem")[0].kind == PartKind.TITLE
    # … unless another word before the comma is the surname.
    assert analyse_name("Eng MOHAMMADI, Mohammad Reza")[0].kind == PartKind.TITLE
    assert [p.original for p in analyse_name("LIMITED LIABILITY COMPANYTECHNICAL CENTER")][:2] == [
        "LIMITED LIABILITY COMPANY", "TECHNICAL"]


def test_mohammadi_is_a_surname_not_a_spelling_of_muhammad() -> None:
    assert analyse_name("MOHAMMADI")[0].key != analyse_name("Mohammad")[0].key == "muhammad"


def test_split_phrase_word_glued_acronym_and_short_capitalised_word() -> None:
    # A stray space inside a legal-form word, a dotted legal form glued to a word, and a two-letter
    # capitalised word glued to an upper-case one.
    assert [(p.kind, p.key) for p in analyse_name("LIMITED LIAB ILITY COMPANY OMP")] == [
        (PartKind.LEGAL_FORM, "llc"), (PartKind.NAME, "omp")]
    assert [p.original for p in analyse_name("IMPAN-COLS.A.")] == ["IMPAN", "COL", "S A"]
    assert [p.original for p in analyse_name("KYALa Bo")] == ["KYA", "La", "Bo"]
    # Halves that are words of their own stay apart; "Ts" is no word after a glued capital.
    assert [p.original for p in analyse_name("BANK ING")] == ["BANK", "ING"]
    assert [p.original for p in analyse_name("DEVELOPMENTs")] == ["DEVELOPMENTs"]
    assert [p.original for p in analyse_name("U.S.A. Trading")][0] == "USA"
