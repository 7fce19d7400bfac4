"""The filters above the news list. They work without JavaScript: a GET form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.widgets import NormalChoices, Select


class NewsFilterForm(forms.Form):
    """Narrows a queryset of articles by the values a visitor chose: a year, a project.

    The project choices are the live project pages of the index's language that its
    articles link, by primary key. An article's rows point at the Swedish project (they are
    synchronised from the Swedish article), so the filter matches on the project's
    translation key and works the same in every language.
    """

    year = forms.TypedChoiceField(
        widget=Select,
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Show only the news published that year."),
    )
    project = forms.ChoiceField(
        widget=Select,
        label=_("Project"),
        required=False,
        help_text=_("Show only the news about one of our projects."),
    )

    def __init__(self, data=None, *, years=(), projects=()):
        super().__init__(data)
        self.fields["year"].choices = NormalChoices(
            [("", _("All years"))] + [(str(year), str(year)) for year in years]
        )
        self.projects = {str(project.pk): project for project in projects}
        self.fields["project"].choices = NormalChoices(
            [("", _("All projects"))]
            + [(pk, project.title) for pk, project in self.projects.items()]
        )

    def clean_project(self):
        """The chosen project page, or None."""
        return self.projects.get(self.cleaned_data["project"])

    @property
    def chosen(self):
        """(year, project's translation key) chosen, each None when not chosen; both None
        when the form is invalid, which lists every article."""
        if not self.is_filtered:
            return None, None
        project = self.cleaned_data["project"]
        return self.cleaned_data["year"], project.translation_key if project else None

    @property
    def offers_projects(self):
        """Whether to show the project field: there are projects to choose, or an error."""
        return bool(self.projects) or bool(self.is_bound and self.errors.get("project"))

    @property
    def is_filtered(self):
        return (
            self.is_bound
            and self.is_valid()
            and (self.cleaned_data["year"] is not None or self.cleaned_data["project"] is not None)
        )
