package program

import (
	"strings"
	"testing"
	"time"
)

// FuzzScript feeds hostile scripts through the parser and interpreter:
// never a panic, every Advance bounded, the volume within its cap.
func FuzzScript(f *testing.F) {
	for _, s := range []string{
		"echo hi; exit 3",
		`while true; do echo "logging" >> /opt/logs.txt; sleep 1; done`,
		"tail -F /opt/logs.txt",
		`i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done`,
		"for i in a b c; do [ -f /opt/$i ] || touch /opt/$i; done; rm -rf /opt/a",
		`until [[ -e /opt/x ]]; do :; done`,
		"while :; do echo x >> /opt/f; done",
		`x=${A:-b}; printf '%s %d\n' $x 1 > /opt/p; cat /opt/p`,
		"if true; then sleep 2; elif false; then exit 1; else exit 2; fi",
		"echo $((1/0))",
		"mkdir -p /opt/a/b/c && ls /opt/a",
		"wget -O /opt/i.html http://localhost:80/",
		"((((((((((",
		"$($($($(echo))))",
		"for i in $(seq 1 100000); do echo $i; done",
		"sleep 1e308; sleep -1; sleep nan; sleep 9999999999999d",
	} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, script string, steps uint8) {
		vol := NewVolume("opt")
		p := Start(Spec{Image: "busybox", Command: []string{"sh", "-c", script}, Mounts: []Mount{{Path: "/opt", Volume: vol}}}, t0)
		now := t0
		for i := 0; i < int(steps%8)+1; i++ {
			begin := time.Now()
			st := p.Advance(now)
			if d := time.Since(begin); d > 2*time.Second {
				t.Fatalf("Advance took %v", d)
			}
			if !st.Next.IsZero() && !st.Next.After(now) {
				t.Fatalf("Next %v not after %v", st.Next, now)
			}
			if st.Next.IsZero() {
				now = now.Add(time.Hour)
			} else {
				now = st.Next
			}
		}
		p.Exec([]string{"sh", "-c", script}, now, time.Second)
		if vol.bytes > MaxVolumeBytes || len(vol.nodes) > MaxVolumeFiles+1 {
			t.Fatalf("volume holds %d bytes in %d entries", vol.bytes, len(vol.nodes))
		}
		_ = p.Logs()
		for _, w := range p.Warnings() {
			if strings.Contains(w, "internal error") {
				t.Fatal(w)
			}
		}
	})
}
