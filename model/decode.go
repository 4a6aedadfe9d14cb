package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"
)

// Load reads manifests from files, directories (every .yaml, .yml and .json
// file directly inside, in name order; not recursive, like kubectl without
// -R) and "-" (stdin). Each document is strictly decoded into the k8s.io/api
// type for its kind, defaulted and validated as the API server would.
//
// Pods (v1), Deployments and ReplicaSets (apps/v1) are kept; any other kind
// is skipped with a one-line warning on warn. Load does not stop at the first
// bad document: the returned error is a *LoadError listing every problem,
// one per line, each naming the file, the 1-based document number (empty
// documents are not counted) and the field. If nothing podviz can show
// remains, that is an error too. On error the returned Objects is nil.
func Load(paths []string, stdin io.Reader, warn io.Writer) (*Objects, error) {
	l := newLoader(warn)
	if len(paths) == 0 {
		return nil, errors.New("no manifests given: use -f FILE, -f DIR or -f - for stdin")
	}
	usedStdin := false
	for _, p := range paths {
		if l.full() {
			break
		}
		if p == "-" {
			if usedStdin {
				l.errs.add(&Problem{File: "<stdin>", Err: errors.New("stdin can be read only once")})
				continue
			}
			usedStdin = true
			if stdin == nil {
				stdin = strings.NewReader("")
			}
			data, err := readLimited(stdin)
			if err != nil {
				l.errs.add(&Problem{File: "<stdin>", Err: err})
				continue
			}
			l.parse("<stdin>", data)
			continue
		}
		files, err := manifestFiles(p)
		if err != nil {
			l.errs.add(&Problem{File: p, Err: err})
			continue
		}
		for _, f := range files {
			if l.full() {
				break
			}
			data, err := readFile(f)
			if err != nil {
				l.errs.add(&Problem{File: f, Err: err})
				continue
			}
			l.parse(f, data)
		}
	}
	return l.finish(strings.Join(paths, ", "))
}

// Parse is Load for one in-memory file; name is used in messages. The size
// and object limits apply as for a file.
func Parse(name string, data []byte, warn io.Writer) (*Objects, error) {
	l := newLoader(warn)
	if len(data) > MaxFileBytes {
		l.errs.add(&Problem{File: name, Err: errTooLarge})
	} else {
		l.parse(name, data)
	}
	return l.finish(name)
}

// loader carries what spans files in one Load: the objects so far, the
// problems, the object count (for MaxObjects) and the names seen (duplicate
// names of one kind in one namespace are an error across files).
type loader struct {
	warn  io.Writer
	objs  Objects
	errs  LoadError
	count int
	seen  map[string]string // "Kind/namespace/name" -> where first defined
	// overflow is set once MaxObjects is exceeded; nothing more is decoded.
	overflow bool
	// pods is the pod budget the objects kept so far need (see PodDemand).
	pods int64
	// skipped counts the objects of kinds podviz does not show, and
	// skippedKinds those past MaxSkipWarnings by kind, for the summary.
	skipped      int
	skippedKinds map[string]int
}

func newLoader(warn io.Writer) *loader {
	if warn == nil {
		warn = io.Discard
	}
	return &loader{warn: warn, seen: map[string]string{}}
}

func (l *loader) full() bool { return l.overflow || l.errs.full() }

func (l *loader) finish(what string) (*Objects, error) {
	if n := l.skipped - MaxSkipWarnings; n > 0 {
		kinds := make([]string, 0, len(l.skippedKinds))
		for k, c := range l.skippedKinds {
			kinds = append(kinds, fmt.Sprintf("%s %d", k, c))
		}
		sort.Strings(kinds)
		fmt.Fprintf(l.warn, "Warning: skipping %d more objects podviz does not show (%s)\n", n, strings.Join(kinds, ", "))
	}
	if err := l.errs.orNil(); err != nil {
		return nil, err
	}
	if l.objs.Len() == 0 {
		return nil, fmt.Errorf("%s: no Pods, Deployments or ReplicaSets found (podviz shows only these kinds)", escapeControls(what))
	}
	return &l.objs, nil
}

// manifestFiles expands a directory into its manifest files, sorted; a
// file is returned as is. Errors read like kubectl's.
func manifestFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("the path %q does not exist", path)
	}
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".yaml", ".yml", ".json":
			out = append(out, filepath.Join(path, e.Name()))
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil, errors.New("no .yaml, .yml or .json files in this directory")
	}
	return out, nil
}

// errTooLarge is the answer to a file over MaxFileBytes.
var errTooLarge = fmt.Errorf("file is larger than %d bytes (8 MiB), the most podviz reads", MaxFileBytes)

// readFile reads a regular file of at most MaxFileBytes. The size is checked
// before reading, and the read itself is bounded too (a FIFO or /dev/zero
// has no useful size).
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxFileBytes {
		return nil, errTooLarge
	}
	return readLimited(f)
}

// readLimited reads at most MaxFileBytes+1 bytes from r: one byte more than
// allowed tells a file at the limit from one beyond it.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, errTooLarge
	}
	return data, nil
}

// parse decodes every document of one file's data: a stream of JSON
// objects when it starts with "{" (kubectl applies every object of
// `{…}{…}` or one object per line), else YAML documents.
func (l *loader) parse(file string, data []byte) {
	doc := 0
	if bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{")) {
		rest, done := l.parseJSONStream(file, data, &doc)
		if done {
			return
		}
		data = rest
	}
	for _, chunk := range splitDocuments(data) {
		if l.full() {
			return
		}
		js, err := yaml.YAMLToJSONStrict(chunk)
		if err != nil {
			doc++
			l.errs.add(&Problem{File: file, Doc: doc, Err: fmt.Errorf("error converting YAML to JSON: %s", yamlMessage(err))})
			continue
		}
		if t := bytes.TrimSpace(js); len(t) == 0 || string(t) == "null" {
			continue // comments only, or an empty document between separators
		}
		doc++
		l.document(file, doc, 0, js)
	}
}

// parseJSONStream decodes the JSON objects data starts with, as kubectl's
// YAMLOrJSONDecoder does: one after another, each a document. When the
// stream fails after at most one object it may still be YAML (a flow
// mapping such as {kind: Pod, …} starts with "{" too): it returns the rest
// for the YAML reader, done false. After two objects it is JSON for sure,
// and a failure is the next document's error.
func (l *loader) parseJSONStream(file string, data []byte, doc *int) (rest []byte, done bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var consumed int64
	count := 0
	for {
		if l.full() {
			return nil, true
		}
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			return nil, true
		}
		if err != nil {
			if count <= 1 {
				return data[consumed:], false
			}
			*doc++
			l.errs.add(&Problem{File: file, Doc: *doc, Err: fmt.Errorf("error parsing JSON: %v", err)})
			return nil, true
		}
		consumed = dec.InputOffset()
		count++
		*doc++
		// Through the strict YAML reader, as every document: a key given
		// twice is refused, not silently the last.
		js, err := yaml.YAMLToJSONStrict(raw)
		if err != nil {
			l.errs.add(&Problem{File: file, Doc: *doc, Err: fmt.Errorf("error converting YAML to JSON: %s", yamlMessage(err))})
			continue
		}
		l.document(file, *doc, 0, js)
	}
}

// nullKey is how the YAML library describes a null mapping key ({null: e}):
// it formats the key's type with %s, which for nil prints "%!s(<nil>)".
var nullKey = regexp.MustCompile(`unsupported map key of type: %!s\(<nil>\), key: <nil>`)

// yamlMessage is the YAML library's error on one line, with its one
// garbled message (a null key) said plainly.
func yamlMessage(err error) string {
	return nullKey.ReplaceAllString(oneLine(err.Error()), "unsupported map key: null")
}

// cannotUnmarshalString is the decoder's complaint about a string where a
// number belongs.
var cannotUnmarshalString = regexp.MustCompile(`cannot unmarshal string into Go struct field \S+ of type (?:u?int|float)`)

// outOfRangeHint explains the decoder's "cannot unmarshal string" when the
// document holds a number too large for any field (replicas: 1e400): YAML
// cannot read it as a number, so it becomes a string, and the decoder's
// words alone suggest the user quoted it.
func outOfRangeHint(err error, js []byte) string {
	if !cannotUnmarshalString.MatchString(err.Error()) {
		return ""
	}
	var doc any
	if json.Unmarshal(js, &doc) != nil {
		return ""
	}
	if s := findOutOfRange(doc); s != "" {
		return fmt.Sprintf(" (%s is a number too large for any field, so YAML read it as a string)", shorten(s))
	}
	return ""
}

// findOutOfRange returns the first string in v that is a number outside
// float64's range, or "".
func findOutOfRange(v any) string {
	switch t := v.(type) {
	case string:
		if _, err := strconv.ParseFloat(t, 64); err != nil && errors.Is(err, strconv.ErrRange) {
			return t
		}
	case map[string]any:
		for _, k := range sortedKeys(t) {
			if s := findOutOfRange(t[k]); s != "" {
				return s
			}
		}
	case []any:
		for _, e := range t {
			if s := findOutOfRange(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// oneLine folds a multi-line parser message ("yaml: unmarshal errors:\n
// line 3: ...") onto one line, so each problem stays one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// splitDocuments cuts a YAML stream into documents at "---" lines and
// after "..." lines (YAML's document end marker, which some
// kubernetes/website examples use). A marker may be followed by a space and
// a comment or, for "---", by the start of the next document on the same
// line ("--- {kind: Pod, ...}"): that text begins the next document, where
// upstream's splitter would leave it in the previous one and the YAML
// decoder would then drop it silently. JSON cannot hold such a line, so a
// JSON file is one document. Block scalars are indented, so their content
// never matches.
func splitDocuments(data []byte) [][]byte {
	var docs [][]byte
	start := 0
	for pos := 0; pos < len(data); {
		end := bytes.IndexByte(data[pos:], '\n')
		next := len(data)
		if end >= 0 {
			next = pos + end + 1
		}
		line := bytes.TrimRight(data[pos:next], "\r\n")
		if isMarker(line, "---") {
			docs = append(docs, data[start:pos])
			start = pos + len("---") // the rest of the line, if any, opens the next document
		} else if isMarker(line, "...") && isCommentOrBlank(line[len("..."):]) {
			docs = append(docs, data[start:pos])
			start = next
		}
		pos = next
	}
	return append(docs, data[start:])
}

// isMarker reports whether line starts with marker followed by nothing or
// by white space.
func isMarker(line []byte, marker string) bool {
	if !bytes.HasPrefix(line, []byte(marker)) {
		return false
	}
	rest := line[len(marker):]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t'
}

func isCommentOrBlank(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) == 0 || b[0] == '#'
}

// typeMeta is the part of any object that says what it is.
type typeMeta struct {
	APIVersion string
	Kind       string
	Name       string
}

func typeMetaOf(m map[string]any) typeMeta {
	var tm typeMeta
	tm.APIVersion, _ = m["apiVersion"].(string)
	tm.Kind, _ = m["kind"].(string)
	if md, ok := m["metadata"].(map[string]any); ok {
		tm.Name, _ = md["name"].(string)
	}
	return tm
}

// removedVersions are the API versions that once served Deployments and
// ReplicaSets and were removed in Kubernetes 1.16; old tutorials still use
// them, and a cluster answers with "no matches for kind".
var removedVersions = map[string]bool{
	"extensions/v1beta1": true,
	"apps/v1beta1":       true,
	"apps/v1beta2":       true,
}

// servedVersion is where podviz's kinds live.
var servedVersion = map[string]string{
	"Pod":        "v1",
	"Deployment": "apps/v1",
	"ReplicaSet": "apps/v1",
}

// document decodes one document (item > 0: one item of a List).
func (l *loader) document(file string, doc, item int, js []byte) {
	l.count++
	if l.count > MaxObjects {
		l.overflow = true
		l.errs.add(&Problem{File: file, Doc: doc, Item: item, Err: fmt.Errorf("too many objects: podviz loads at most %d documents and List items", MaxObjects)})
		return
	}
	where := &Problem{File: file, Doc: doc, Item: item}
	var generic any
	if err := json.Unmarshal(js, &generic); err != nil {
		where.Err = fmt.Errorf("not a Kubernetes object: %v", err)
		l.errs.add(where)
		return
	}
	m, ok := generic.(map[string]any)
	if !ok {
		where.Err = errors.New("not a Kubernetes object: expected a mapping with apiVersion and kind")
		l.errs.add(where)
		return
	}
	tm := typeMetaOf(m)
	var unsafe field.ErrorList
	checkStrings(m, nil, &unsafe)
	if len(unsafe) > 0 {
		where.Kind, where.Name = escapeControls(orUnknown(tm.Kind)), tm.Name // Name is printed with %q, which escapes
		where.Errs = unsafe
		l.errs.add(where)
		return
	}
	var missing []string
	if tm.APIVersion == "" {
		missing = append(missing, "apiVersion not set")
	}
	if tm.Kind == "" {
		missing = append(missing, "kind not set")
	}
	if len(missing) > 0 {
		where.Err = fmt.Errorf("error validating data: [%s]", strings.Join(missing, ", "))
		l.errs.add(where)
		return
	}
	if tm.Kind == "List" && tm.APIVersion == "v1" && item == 0 {
		l.list(file, doc, m)
		return
	}
	want, ours := servedVersion[tm.Kind]
	switch {
	case ours && tm.APIVersion == want:
		l.object(where, tm, js)
	case removedVersions[tm.APIVersion] || ours:
		hint := "ensure CRDs are installed first"
		if ours {
			hint += fmt.Sprintf("; %ss are served as apiVersion %s", tm.Kind, want)
		}
		where.Err = fmt.Errorf("resource mapping not found for name: %q: no matches for kind %q in version %q: %s", tm.Name, tm.Kind, tm.APIVersion, hint)
		l.errs.add(where)
	default:
		l.skip(tm, where)
	}
}

// skip warns about an object of a kind podviz does not show: one line each
// for the first MaxSkipWarnings, then a count by kind (see finish).
func (l *loader) skip(tm typeMeta, where *Problem) {
	l.skipped++
	if l.skipped <= MaxSkipWarnings {
		fmt.Fprintf(l.warn, "Warning: skipping %s %q (%s): podviz shows only Pods, Deployments and ReplicaSets\n", tm.Kind, tm.Name, where.where())
		return
	}
	if l.skippedKinds == nil {
		l.skippedKinds = map[string]int{}
	}
	l.skippedKinds[tm.Kind]++
}

func orUnknown(kind string) string {
	if kind == "" {
		return "object"
	}
	return kind
}

// list decodes the items of a kind: List document (kubectl get -o yaml's
// output), each as its own object.
func (l *loader) list(file string, doc int, m map[string]any) {
	items, _ := m["items"].([]any)
	for i, it := range items {
		if l.full() {
			return
		}
		js, err := json.Marshal(it)
		if err != nil { // cannot happen for decoded JSON; keep the path honest
			l.errs.add(&Problem{File: file, Doc: doc, Item: i + 1, Err: err})
			continue
		}
		l.document(file, doc, i+1, js)
	}
}

// scheme knows the three kinds podviz decodes; the strict codec gives
// apimachinery's own messages (strict decoding error: unknown field
// "spec.replica"), the ones kubectl apply prints.
var strictDecoder = func() runtime.Decoder {
	s := runtime.NewScheme()
	if err := corev1.AddToScheme(s); err != nil {
		panic(err)
	}
	if err := appsv1.AddToScheme(s); err != nil {
		panic(err)
	}
	return serializer.NewCodecFactory(s, serializer.EnableStrict).UniversalDeserializer()
}()

// object strictly decodes, defaults and validates one Pod, Deployment or
// ReplicaSet and keeps it.
func (l *loader) object(where *Problem, tm typeMeta, js []byte) {
	obj, _, err := strictDecoder.Decode(js, nil, nil)
	if err != nil {
		where.Err = errors.New(oneLine(err.Error()) + outOfRangeHint(err, js))
		l.errs.add(where)
		return
	}
	where.Kind = tm.Kind
	var errs field.ErrorList
	var meta *metaRef
	var keep func()
	var demand func() PodDemand
	var spec *corev1.PodSpec
	specPath := field.NewPath("spec", "template", "spec")
	switch o := obj.(type) {
	case *corev1.Pod:
		o.Status = corev1.PodStatus{} // the API server ignores status on create
		SetDefaultsPod(o)
		errs = ValidatePod(o)
		spec, specPath = &o.Spec, field.NewPath("spec")
		meta = &metaRef{o.Namespace, o.Name, o.GenerateName}
		keep = func() { l.objs.Pods = append(l.objs.Pods, o) }
		demand = func() PodDemand { return BarePodDemand(o) }
	case *appsv1.Deployment:
		o.Status = appsv1.DeploymentStatus{}
		SetDefaultsDeployment(o)
		errs = ValidateDeployment(o)
		spec = &o.Spec.Template.Spec
		meta = &metaRef{o.Namespace, o.Name, o.GenerateName}
		keep = func() { l.objs.Deployments = append(l.objs.Deployments, o) }
		demand = func() PodDemand { return DeploymentDemand(o) }
	case *appsv1.ReplicaSet:
		o.Status = appsv1.ReplicaSetStatus{}
		SetDefaultsReplicaSet(o)
		errs = ValidateReplicaSet(o)
		spec = &o.Spec.Template.Spec
		meta = &metaRef{o.Namespace, o.Name, o.GenerateName}
		keep = func() { l.objs.ReplicaSets = append(l.objs.ReplicaSets, o) }
		demand = func() PodDemand { return ReplicaSetDemand(o) }
	default:
		where.Err = fmt.Errorf("unexpected type %T", obj)
		l.errs.add(where)
		return
	}
	where.Name = meta.name
	if meta.name == "" && meta.generateName != "" {
		// The API server fills in a name from generateName before validating,
		// but kubectl apply (which podviz mimics) needs a name to find the
		// object again; say that instead of "name or generateName is required".
		kept := errs[:0]
		for _, e := range errs {
			if e.Field != "metadata.name" || e.Type != field.ErrorTypeRequired {
				kept = append(kept, e)
			}
		}
		errs = append(kept, field.Required(field.NewPath("metadata", "name"), "kubectl apply needs a name; generateName is only for kubectl create"))
	}
	if meta.name != "" {
		key := tm.Kind + "/" + meta.namespace + "/" + meta.name
		if first, dup := l.seen[key]; dup {
			e := field.Duplicate(field.NewPath("metadata", "name"), meta.name)
			e.Detail = fmt.Sprintf("a %s of this name in namespace %q is already defined at %s", tm.Kind, meta.namespace, first)
			errs = append(errs, e)
		} else {
			l.seen[key] = where.where()
		}
	}
	if len(errs) > 0 {
		where.Errs = errs
		l.errs.add(where)
		return
	}
	// The pod budget spans every object loaded together, in load order.
	dm := demand()
	if e := OverBudget(dm, l.pods, "the objects before it"); e != nil {
		where.Errs = field.ErrorList{e}
		l.errs.add(where)
		return
	}
	l.pods += dm.Budget()
	keep()
	if spec != nil {
		// The API server's warnings, as kubectl prints them on create.
		for _, w := range PodSpecWarnings(spec, specPath) {
			fmt.Fprintf(l.warn, "Warning: %s\n", w)
		}
	}
}

type metaRef struct{ namespace, name, generateName string }
