"""The public pages' widgets write the same markup as Django's own."""

from django import forms

from home.widgets import NormalChoices, Select

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


# Choice shapes a form could be given, written as Django writes them.
EDGE_CASES = {
    "none in a group": [("", "Alla"), ("Grupp", [(None, "Ingen"), ("1", "Ett")])],
    "a group without a name": [("", [("1", "Ett"), ("2", "Två")])],
    "a group named None": [(None, [("1", "Ett")])],
    "a group named 0": [(0, [("1", "Ett")])],
    "numbers": [(1, "Ett"), (2, "Två")],
    "a value twice": [("1", "A"), ("1", "B")],
    "none at the top": [(None, "Ingen"), ("1", "Ett")],
    "no choices": [],
    "a mapping": {"Grupp": {"1": "Ett"}, "2": "Två"},
}


def test_select_writes_what_djangos_writes_for_every_shape_of_choices():
    for name, choices in EDGE_CASES.items():
        for value in (None, "", "1", 1, "None", ["1"]):
            ours = Select(attrs={"disabled": True}, choices=choices)
            djangos = forms.Select(attrs={"disabled": True}, choices=choices)
            attrs = {"id": "id_field"}
            assert ours.render("field", value, attrs) == djangos.render("field", value, attrs), (
                name,
                value,
            )


def test_normal_choices_offer_validate_and_write_as_a_list_does():
    class Pair(forms.Form):
        listed = forms.ChoiceField(widget=Select, required=False)
        normal = forms.ChoiceField(widget=Select, required=False)

        def __init__(self, data):
            super().__init__(data)
            self.fields["listed"].choices = list(CHOICES)
            self.fields["normal"].choices = NormalChoices(list(CHOICES))

    for value, valid in (("2", True), ("", True), ("9", False)):
        form = Pair({"listed": value, "normal": value})
        assert form.is_valid() is valid
        assert form.errors.get("normal") == form.errors.get("listed")
        assert str(form["normal"]).replace("normal", "NAME") == str(form["listed"]).replace(
            "listed", "NAME"
        )
    normal = Pair(None).fields["normal"]
    assert isinstance(normal.choices, NormalChoices)  # taken as they are, not copied
    assert len(normal.choices) == 3 and normal.choices[1] == CHOICES[1]
