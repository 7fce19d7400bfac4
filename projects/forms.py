"""The project list's filters: a plain GET form that works without JavaScript.

Every value comes from the address bar, so anything may arrive. A value that is not one of
the choices makes the form invalid: the field shows why and the list is empty. Nothing a
visitor types reaches the database except as a bound parameter.

The form only checks what arrives; the project list's page model offers the choices and
filters its projects by the cleaned values, so this module needs no model.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.widgets import Select

UNKNOWN_CHOICE = _("There is no such choice here. Pick one from the list.")


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(
        widget=Select,
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    programme = forms.ChoiceField(
        widget=Select,
        label=_("Programme"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    focus = forms.ChoiceField(
        widget=Select,
        label=_("Focus area"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
    country = forms.ChoiceField(
        widget=Select,
        label=_("Partner country"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )

    def __init__(self, data, *, choices):
        """`choices` maps each filter to its (value, label) pairs: the project list offers
        only values that some of its projects have (ProjectIndexPage.filter_choices)."""
        super().__init__(data)
        everything = [("", _("All"))]
        for name, field_choices in choices.items():
            self.fields[name].choices = everything + list(field_choices)

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)
