"""The public pages' widgets write the same markup as Django's own."""

from django import forms

from home.widgets import Select

CHOICES = [("", "Alla"), ("1", "Kvarken & <Botnia>"), ("2", 'Citat "här"')]
# A value offered twice: only its first option is selected, as in Django.
GROUPED = [("", "Alla"), ("Norr & söder", [("3", "Umeå"), ("4", "Vasa")]), (4, "Vasa igen")]


class Filters(forms.Form):
    ours = forms.ChoiceField(widget=Select, choices=CHOICES, required=False)
    django = forms.ChoiceField(choices=CHOICES, required=False)
    ours_grouped = forms.ChoiceField(
        widget=Select(attrs={"disabled": True, "data-x": 'a"b'}), choices=GROUPED
    )
    django_grouped = forms.ChoiceField(
        widget=forms.Select(attrs={"disabled": True, "data-x": 'a"b'}), choices=GROUPED
    )


def test_select_writes_what_djangos_writes():
    for data in (
        {},
        {"ours": "2", "django": "2"},
        {"ours": "x", "django": "x", "ours_grouped": "4", "django_grouped": "4"},
    ):
        form = Filters(data or None)
        form.is_valid()
        ours = str(form["ours"]).replace("ours", "NAME")
        djangos = str(form["django"]).replace("django", "NAME")
        assert ours == djangos
        grouped = str(form["ours_grouped"]).replace("ours", "NAME")
        assert grouped == str(form["django_grouped"]).replace("django", "NAME")
    chosen = Filters({"ours": "2"})
    chosen.is_valid()
    assert '<option value="2" selected>' in str(chosen["ours"])
    assert "&lt;Botnia&gt;" in ours
