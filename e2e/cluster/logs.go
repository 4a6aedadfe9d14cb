package cluster

import (
	"flag"
	"fmt"
	"io"
	"sync"

	"github.com/go-logr/logr"
	"go.uber.org/zap"
	"google.golang.org/grpc/grpclog"
	"k8s.io/klog/v2"
)

var quietOnce sync.Once

// quietLogs silences the process-wide loggers the API server, etcd's
// client and gRPC write to: a test's output should be its own.
func quietLogs() {
	quietOnce.Do(func() {
		fs := flag.NewFlagSet("klog", flag.ContinueOnError)
		klog.InitFlags(fs)
		for k, v := range map[string]string{"logtostderr": "false", "alsologtostderr": "false",
			"stderrthreshold": "FATAL", "v": "0"} {
			_ = fs.Set(k, v)
		}
		klog.SetOutput(io.Discard)
		klog.SetLogger(logr.Discard())
		grpclog.SetLoggerV2(grpclog.NewLoggerV2(io.Discard, io.Discard, io.Discard))
		zap.ReplaceGlobals(zap.NewNop())
	})
}

// Event is one event a controller recorded, as its event broadcaster saw
// it: before the API server's aggregation and spam filter, so none is lost
// and the order is the controller's.
type Event struct {
	// Seq orders the events of the whole cluster (1, 2, …).
	Seq       int
	Namespace string
	Name      string // the involved object's name
	Kind      string
	Type      string
	Reason    string
	Message   string
}

// eventSink is the controllers' logger: it discards their logs and picks
// out the "Event occurred" line that upstream's event broadcaster logs at
// V(3) for every event it records (record.StartStructuredLogging).
type eventSink struct {
	onEvent func(Event)
}

func (s *eventSink) Init(logr.RuntimeInfo) {}

func (s *eventSink) Enabled(level int) bool { return level <= 3 }

func (s *eventSink) Info(_ int, msg string, kv ...any) {
	if msg != "Event occurred" {
		return
	}
	var ev Event
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		v := kv[i+1]
		switch k {
		case "object":
			switch o := v.(type) {
			case klog.ObjectRef:
				ev.Namespace, ev.Name = o.Namespace, o.Name
			case fmt.Stringer:
				ev.Name = o.String()
			}
		case "kind":
			ev.Kind = fmt.Sprint(v)
		case "type":
			ev.Type = fmt.Sprint(v)
		case "reason":
			ev.Reason = fmt.Sprint(v)
		case "message":
			ev.Message = fmt.Sprint(v)
		}
	}
	s.onEvent(ev)
}

func (s *eventSink) Error(error, string, ...any) {}

func (s *eventSink) WithValues(...any) logr.LogSink { return s }

func (s *eventSink) WithName(string) logr.LogSink { return s }
