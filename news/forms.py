"""The filters above the news list. They work without JavaScript: a GET form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NewsFilterForm(forms.Form):
    """Narrows a queryset of articles by the values a visitor chose.

    Each field names the queryset lookup it filters on in `lookups`, so a new filter
    is one form field and one entry there: the related-project filter will be a
    ModelChoiceField over the live projects of the language, with the lookup to the
    article's project relation.
    """

    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Show only the news published that year."),
    )

    lookups = {"year": "date__year"}

    def __init__(self, data=None, *, years=()):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(year), str(year)) for year in years
        ]

    def filter(self, articles):
        """The articles that match the chosen values; all of them when the form is invalid."""
        if not self.is_bound or not self.is_valid():
            return articles
        for name, lookup in self.lookups.items():
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                articles = articles.filter(**{lookup: value})
        return articles

    @property
    def is_filtered(self):
        return (
            self.is_bound
            and self.is_valid()
            and any(self.cleaned_data.get(name) not in (None, "") for name in self.lookups)
        )
