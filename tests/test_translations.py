"""The UI catalogues: every string translated into sv, fi and en, none left fuzzy."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_catalogue_is_complete(language):
    path = Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")
    catalogue = polib.pofile(str(path))
    assert len(catalogue) > 50
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_placeholders_survive_translation(language):
    path = Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")
    for entry in polib.pofile(str(path)).translated_entries():
        if entry.msgid_plural:
            # Each plural form may use the count or not, but never a name the code lacks.
            known = set(re.findall(r"%\((\w+)\)", entry.msgid + entry.msgid_plural))
            for form in entry.msgstr_plural.values():
                assert form and set(re.findall(r"%\((\w+)\)", form)) <= known, entry.msgid
            continue
        for placeholder in ("%(", "{"):
            assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder), entry.msgid
