package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"podviz/model"
)

// atSettled is the --at of a headless command that was not given one:
// the moment the cluster first settles after the script's last step.
const atSettled = time.Duration(-1)

// settleHorizon bounds the wait for that moment: a cluster that never
// settles (a crash loop, an image that never pulls: their back-off timers
// never stop) is shown this long after the script's last step. Ten minutes
// is the default progressDeadlineSeconds, so a stuck rollout started at
// the last step has been reported as failed by then.
const settleHorizon = 10 * time.Minute

// atHelp documents --at and its default, for every command that has it.
const atHelp = "virtual time to look at: 30s, 2m, 1m30s, or seconds, at most 24h " +
	"(default: when the cluster first settles after the script's last step, " +
	"or 10m after that step if something keeps changing, such as a crash loop)"

// virtualTimeFlag reads an optional --at/--until value: atSettled when not
// given, a usage error naming the flag and the range when malformed, not
// finite or out of range.
func virtualTimeFlag(fl *pflag.FlagSet, name, value string) (time.Duration, error) {
	if !fl.Changed(name) {
		return atSettled, nil
	}
	d, err := parseVirtualTime(value)
	if err != nil {
		return 0, usageErrorf("invalid argument %q for \"--%s\" flag: %v", value, name, err)
	}
	return d, nil
}

// parseVirtualTime reads "30s", "2m", "1m30s" or a bare number of seconds,
// between 0 and model.MaxVirtualTime. A number that is not finite (NaN,
// Inf) or does not fit is refused, never turned into some other time.
func parseVirtualTime(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	rangeErr := fmt.Errorf("must be a virtual time from 0s to %v", model.MaxVirtualTime)
	if f, err := strconv.ParseFloat(s, 64); err == nil || isRangeError(err) {
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0):
			return 0, fmt.Errorf("not a finite number; %v", rangeErr)
		case f < 0 || f > model.MaxVirtualTime.Seconds():
			return 0, rangeErr
		}
		return time.Duration(math.Round(f * float64(time.Second))), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		// Not a duration, or one too long for Go's (292 years).
		return 0, fmt.Errorf("want a virtual time such as 30s, 2m or 1m30s, from 0s to %v", model.MaxVirtualTime)
	}
	if d < 0 || d > model.MaxVirtualTime {
		return 0, rangeErr
	}
	return d, nil
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
