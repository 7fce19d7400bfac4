"""The search box: whatever a visitor types is turned into a query the index can take."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
# Control characters (NUL among them, which PostgreSQL refuses) become spaces.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class QueryField(forms.CharField):
    """Text with control characters turned into spaces and runs of spaces into one, before
    the length is checked."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(CONTROL_CHARACTERS.sub(" ", value).split())


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search the website"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Words to look for in the pages in this language."),
    )

    @property
    def query(self):
        """The cleaned query, or "" when there is none or it was refused."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["q"]
        return ""
