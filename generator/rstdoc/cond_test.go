package rstdoc

import (
	"slices"
	"testing"
)

func TestPhrasings(t *testing.T) {
	is := func(field string, values ...string) Test { return Test{Field: field, Op: OpIs, Values: values} }
	given := func(field string) Test { return Test{Field: field, Op: OpGiven} }
	tests := []struct {
		desc    string
		request bool
		want    Condition
	}{
		{"Crust. This parameter is mandatory when **crust_mode** is set to **thick**.", true,
			Condition{Phrasing: PhrasingMandatoryWhen, Effect: EffectMandatory, When: []Test{is("crust_mode", "thick")}}},
		{"Glaze. This parameter is mandatory when glaze is egg or milk.", true,
			Condition{Phrasing: PhrasingMandatoryWhen, Effect: EffectMandatory, When: []Test{is("glaze", "egg", "milk")}}},
		{"Tray. This parameter is mandatory if steam is on (steam_on=true).", true,
			Condition{Phrasing: PhrasingMandatoryWhen, Effect: EffectMandatory, Case: "steam is on", When: []Test{is("steam_on", "true")}}},
		{"Tray. This parameter is mandatory if steam is on (that is, **steam_on** is set to **true**).", true,
			Condition{Phrasing: PhrasingMandatoryWhen, Effect: EffectMandatory, Case: "steam is on", When: []Test{is("steam_on", "true")}}},
		{"Baker. This parameter is mandatory for baking rye (sourdough).", true,
			Condition{Phrasing: PhrasingMandatoryInCase, Effect: EffectMandatory, Case: "baking rye (sourdough)"}},
		{"Baker. This parameter is mandatory only for night shifts.", true,
			Condition{Phrasing: PhrasingMandatoryInCase, Effect: EffectMandatory, Otherwise: OtherwiseOptional, Case: "night shifts"}},
		{"Shelf. This parameter must be specified in manual loading.", true,
			Condition{Phrasing: PhrasingMandatoryInCase, Effect: EffectMandatory, Case: "manual loading"}},
		{"Size. This parameter is valid and mandatory only when **pan** is set to **round**.", true,
			Condition{Phrasing: PhrasingValidMandatoryWhen, Effect: EffectMandatory, Otherwise: OtherwiseForbidden, When: []Test{is("pan", "round")}}},
		{"Size. This parameter is valid and mandatory when pan is set to round, square, or oval.", true,
			Condition{Phrasing: PhrasingValidMandatoryWhen, Effect: EffectMandatory, Otherwise: OtherwiseForbidden, When: []Test{is("pan", "round", "square", "oval")}}},
		{"Fan. This parameter is valid only when oven_kind is set to convection.", true,
			Condition{Phrasing: PhrasingValidOnlyWhen, Effect: EffectValid, Otherwise: OtherwiseForbidden, When: []Test{is("oven_kind", "convection")}}},
		{"Fan. This parameter is invalid when **oven_kind** is set to **gas**.", true,
			Condition{Phrasing: PhrasingInvalidWhen, Effect: EffectForbidden, When: []Test{is("oven_kind", "gas")}}},
		{"Slot. If **from_slot** and **to_slot** are not empty, this parameter is invalid.", true,
			Condition{Phrasing: PhrasingInvalidIfGiven, Effect: EffectForbidden, When: []Test{given("from_slot"), given("to_slot")}}},
		{"Plan. The **racks** parameter and this parameter cannot be empty at the same time.", true,
			Condition{Phrasing: PhrasingNotEmptyTogether, Effect: EffectNotAllEmpty, Fields: []string{"racks", "knob"}}},
		{"Lamp. This parameter is available only when the oven has a window.", true,
			Condition{Phrasing: PhrasingAvailableOnlyWhen, Effect: EffectValid, Otherwise: OtherwiseForbidden, Case: "the oven has a window"}},
		{"Lamp. This parameter is available only when the oven has a window.", false,
			Condition{Phrasing: PhrasingAvailableOnlyWhen, Effect: EffectDisplayed, Otherwise: OtherwiseAbsent, Case: "the oven has a window"}},
		{"**Either start_slot or start_time must be specified.**", true,
			Condition{Phrasing: PhrasingEitherOf, Effect: EffectOneOf, Fields: []string{"start_slot", "start_time"}}},
		{"Pick. Specify either **rye**, **spelt**, or **oat**.", true,
			Condition{Phrasing: PhrasingEitherOf, Effect: EffectOneOf, Fields: []string{"rye", "spelt", "oat"}}},
		{"**Slow Bake** and **Fast Bake** cannot be enabled simultaneously.", true,
			Condition{Phrasing: PhrasingNotTogether, Effect: EffectNotTogether, Fields: []string{"Slow Bake", "Fast Bake"}}},
	}
	for _, tt := range tests {
		header, row := shortHeader, []string{"knob", "String", tt.desc}
		if tt.request {
			header, row = fullHeader, []string{"knob", "No", "String", tt.desc}
		}
		p := mustParse(t, tableDirective("", "**Table 1** T", header, row))
		r := p.Tables[0].Rows[0]
		if len(r.Conditions) != 1 {
			t.Errorf("%s: Conditions = %+v, Unread = %+v", tt.desc, r.Conditions, r.Unread)
			continue
		}
		c := r.Conditions[0]
		if c.Text == "" || c.Line != 6 {
			t.Errorf("%s: Text %q, Line %d", tt.desc, c.Text, c.Line)
		}
		c.Text, c.Line = "", 0
		check(t, tt.desc, c, tt.want)
		check(t, tt.desc+" Unread", r.Unread, []Sentence(nil))
		check(t, tt.desc+" Values", r.Values, []string(nil))
	}
}

func TestConditionText(t *testing.T) {
	r := oneRow(t, "Dough. (This parameter is mandatory if steam is on (steam_on=true).) More text.")
	check(t, "Text", r.Conditions[0].Text, "This parameter is mandatory if steam is on (steam_on=true)")
	r = oneRow(t, "(**Either a_1 or b_2 must be specified.**)")
	check(t, "Text", r.Conditions[0].Text, "Either a_1 or b_2 must be specified")
	check(t, "EitherOf", r.EitherOf, []string{"a_1", "b_2"})
}

func TestUnread(t *testing.T) {
	r := oneRow(t, "Loaf weight. If **pan** is **round**, the value ranges from **1** to **9**. "+
		"The default size is 3 if it is not given. Time when the loaf was baked. "+
		"For example, if it is 9:00, the loaf is ready at 10:00.")
	check(t, "Unread", r.Unread, []Sentence{
		{Text: "If pan is round, the value ranges from 1 to 9", Line: 6},
		{Text: "The default size is 3 if it is not given", Line: 6},
	})
	check(t, "Conditions", r.Conditions, []Condition(nil))
	check(t, "Values", r.Values, []string(nil))
}

func TestIsConditional(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"This parameter is mandatory when the oven is hot", true},
		{"If the tray is empty, nothing is baked", true},
		{"Otherwise, the lamp stays off", true},
		{"In this case, the fan starts", true},
		{"The value is 3 when the pan is round", true},
		{"Specify either a or b", true},
		{"Crust and Crumb cannot be set at the same time", true},
		{"Both times must be set in pairs", true},
		{"This parameter is mandatory for night shifts", true},
		{"Must be specified", false},
		{"Time when the loaf was baked", false},
		{"Password set when the oven was locked", false},
		{"When using flour, sift it first", false},
		{"Pick either of the following pans", false},
		{"For example, if it is 9:00, the loaf is ready at 10:00", false},
		{"Only rye is supported", false},
		{"A name can only contain letters", false},
	}
	for _, tt := range tests {
		check(t, tt.text, isConditional(tt.text), tt.want)
	}
}

func TestSentences(t *testing.T) {
	pr := newProse(cellText{lines: []string{
		"First, e.g. this one. (Second one.) Third (with a (nested) aside)? **Fourth**!",
		"",
		"-  (Item one.",
		"-  Version 1.1.0 is used. Last",
	}, line: 1})
	var got []string
	for _, s := range pr.sentences() {
		got = append(got, pr.text()[s.start:s.end])
	}
	check(t, "sentences", got, []string{"First, e.g. this one", "Second one", "Third (with a (nested) aside)?", "Fourth!",
		"Item one", "Version 1.1.0 is used", "Last"})
	if !slices.Equal(Phrasings()[:2], []string{PhrasingMandatoryOnlyWhenType, PhrasingDisplayedOnlyWhenType}) || len(Phrasings()) != 12 {
		t.Errorf("Phrasings() = %v", Phrasings())
	}
}
