"""The UI catalogues: every string translated into sv, fi and en, none left fuzzy."""

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


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_placeholders_survive_translation(language):
    path = Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")
    for entry in polib.pofile(str(path)).translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for placeholder in ("%(", "{"):
            for translation in translations:
                assert entry.msgid.count(placeholder) == translation.count(placeholder), entry.msgid
