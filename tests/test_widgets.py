"""The public pages' widgets write the same markup as Django's own."""

from django import forms

from home.widgets import Select

CHOICES = [("", "Alla"), ("1", "Kvarken & <Botnia>"), ("2", 'Citat "här"')]


class Filters(forms.Form):
    ours = forms.ChoiceField(widget=Select, choices=CHOICES, required=False)
    django = forms.ChoiceField(choices=CHOICES, required=False)


def test_select_writes_what_djangos_writes():
    for data in ({}, {"ours": "2", "django": "2"}, {"ours": "x", "django": "x"}):
        form = Filters(data or None)
        form.is_valid()
        ours = str(form["ours"]).replace("ours", "NAME")
        djangos = str(form["django"]).replace("django", "NAME")
        assert ours == djangos
    chosen = Filters({"ours": "2"})
    chosen.is_valid()
    assert '<option value="2" selected>' in str(chosen["ours"])
    assert "&lt;Botnia&gt;" in ours
