package kubectl

import (
	"reflect"
	"testing"
)

// parseCase is one command line and either the action it parses to or the
// exact error text kubectl would print.
type parseCase struct {
	name    string
	line    string
	want    Action
	wantErr string
}

func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.line)
			if tc.wantErr != "" {
				if err == nil {
					t.Fatalf("Parse(%q) = %v, want error %q", tc.line, got, tc.wantErr)
				}
				if err.Error() != tc.wantErr {
					t.Fatalf("Parse(%q) error:\n got %q\nwant %q", tc.line, err.Error(), tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.line, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Parse(%q)\n got %#v\nwant %#v", tc.line, got, tc.want)
			}
		})
	}
}
