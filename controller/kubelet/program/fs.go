package program

import (
	"errors"
	"path"
	"sort"
	"strings"
)

// Caps on what a simulated filesystem stores, so that a container writing
// in a loop cannot eat podviz's memory. Past them a file's logical size
// still grows (as the real file would, until the node evicts the pod) but
// no more bytes are kept, and new files cannot be created.
const (
	MaxVolumeBytes = 256 << 10 // file contents kept per volume (and per container root)
	MaxVolumeFiles = 512       // files and directories per volume
	maxLogical     = 1 << 50   // a logical size saturates here
)

var (
	errNotFound = errors.New("No such file or directory")
	errIsDir    = errors.New("Is a directory")
	errNotDir   = errors.New("Not a directory")
	errReadOnly = errors.New("Read-only file system")
	errNoSpace  = errors.New("No space left on device")
	errNotEmpty = errors.New("Directory not empty")
)

// Volume is a directory tree that one or more containers mount: an
// emptyDir volume is one Volume shared by every container of the pod that
// mounts it, so what one writes the others read.
type Volume struct {
	Name  string
	nodes map[string]*node // by clean path relative to the volume root; "" is the root
	bytes int
	// shape counts changes a reader can tell apart other than growth by
	// appending: a file or directory created or removed, a file's contents
	// replaced by different ones.
	shape uint64
	// full: something written was not kept (MaxVolumeBytes or
	// MaxVolumeFiles reached), which the model says once (Program.Warnings).
	full bool
}

type node struct {
	dir  bool
	data []byte // the kept contents (a prefix of the file once the volume is full)
	size int64  // logical size
}

// NewVolume makes an empty volume.
func NewVolume(name string) *Volume {
	return &Volume{Name: name, nodes: map[string]*node{"": {dir: true}}}
}

// Size is a file's logical size, and whether it exists as a file.
func (v *Volume) Size(rel string) (int64, bool) {
	n := v.nodes[clean(rel)]
	if n == nil || n.dir {
		return 0, false
	}
	return n.size, true
}

// Files lists the volume's files and directories (directories end in
// "/"), sorted: what the Pod box shows of a volume.
func (v *Volume) Files() []string {
	var out []string
	for p, n := range v.nodes {
		if p == "" {
			continue
		}
		if n.dir {
			p += "/"
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func clean(rel string) string {
	c := path.Clean("/" + rel)
	return strings.TrimPrefix(c, "/")
}

// Mount is a volume mounted into a container at Path.
type Mount struct {
	Path     string
	Volume   *Volume
	ReadOnly bool
}

// fs is one container's view: its own root (the container's writable
// layer, preloaded with a few files of its image) with the pod's volumes
// mounted over it.
type fs struct {
	root   *Volume
	mounts []Mount // longest path first
	// reads counts reads of files' contents (and sizes): a loop that
	// appends to a file and reads none is not changed by its appends.
	reads uint64
}

func newFS(root *Volume, mounts []Mount) *fs {
	ms := make([]Mount, 0, len(mounts))
	for _, m := range mounts {
		if m.Volume == nil {
			continue
		}
		m.Path = path.Clean("/" + m.Path)
		ms = append(ms, m)
	}
	sort.SliceStable(ms, func(i, j int) bool { return len(ms[i].Path) > len(ms[j].Path) })
	return &fs{root: root, mounts: ms}
}

// version changes whenever the shape of anything the container sees
// changes (its own root or a mounted volume, whoever changed it).
func (f *fs) version() uint64 {
	v := f.root.shape
	for _, m := range f.mounts {
		v += m.Volume.shape
	}
	return v
}

// resolve finds the volume holding abs and the path inside it.
func (f *fs) resolve(p string) (*Volume, string, bool, bool) {
	abs := path.Clean("/" + p)
	for _, m := range f.mounts {
		if abs == m.Path {
			return m.Volume, "", m.ReadOnly, true
		}
		if m.Path == "/" || strings.HasPrefix(abs, m.Path+"/") {
			return m.Volume, clean(strings.TrimPrefix(abs, m.Path)), m.ReadOnly, true
		}
	}
	return f.root, clean(abs), false, false
}

func (f *fs) stat(p string) (*node, bool) {
	v, rel, _, mounted := f.resolve(p)
	n := v.nodes[rel]
	if n == nil && !mounted && rel != "" && impliedDir(v, rel) {
		return &node{dir: true}, true
	}
	return n, n != nil
}

// impliedDir: a container's root has the image's directories, which the
// model does not list; a path is a directory there when something lies
// under it.
func impliedDir(v *Volume, rel string) bool {
	for p := range v.nodes {
		if strings.HasPrefix(p, rel+"/") {
			return true
		}
	}
	return false
}

func (f *fs) read(p string) ([]byte, error) {
	f.reads++
	n, ok := f.stat(p)
	if !ok {
		return nil, errNotFound
	}
	if n.dir {
		return nil, errIsDir
	}
	return n.data, nil
}

// parentOK: inside a volume a file's directory must exist; the root is
// assumed to have the image's directories.
func parentOK(v *Volume, rel string, mounted bool) error {
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	}
	n := v.nodes[dir]
	switch {
	case n == nil && mounted:
		return errNotFound
	case n != nil && !n.dir:
		return errNotDir
	}
	return nil
}

// write replaces (or with appendTo extends) a file's contents, creating it.
func (f *fs) write(p string, data []byte, appendTo bool) error {
	v, rel, ro, mounted := f.resolve(p)
	if ro {
		return errReadOnly
	}
	if rel == "" {
		return errIsDir
	}
	n := v.nodes[rel]
	if n == nil {
		if err := parentOK(v, rel, mounted); err != nil {
			return err
		}
		if len(v.nodes) >= MaxVolumeFiles {
			v.full = true
			return errNoSpace
		}
		n = &node{}
		v.nodes[rel] = n
		v.shape++
	} else if n.dir {
		return errIsDir
	}
	if !appendTo {
		if string(n.data) == string(data) && n.size == int64(len(data)) {
			return nil
		}
		v.bytes -= len(n.data)
		n.data, n.size = nil, 0
		v.shape++
	}
	v.appendN(n, data, 1)
	return nil
}

// appendN appends data n times in O(len(data) + bytes kept).
func (v *Volume) appendN(nd *node, data []byte, n int64) {
	if len(data) == 0 || n <= 0 {
		return
	}
	total := int64(len(data)) * n
	if n > maxLogical/int64(len(data)) {
		total = maxLogical
	}
	nd.size = min(nd.size+total, maxLogical)
	if int64(MaxVolumeBytes-v.bytes) < total {
		v.full = true
	}
	for room := MaxVolumeBytes - v.bytes; room > 0 && n > 0; n-- {
		chunk := data
		if len(chunk) > room {
			chunk = chunk[:room]
		}
		nd.data = append(nd.data, chunk...)
		v.bytes += len(chunk)
		room -= len(chunk)
	}
}

func (f *fs) mkdir(p string, parents bool) error {
	v, rel, ro, mounted := f.resolve(p)
	if ro {
		return errReadOnly
	}
	if rel == "" {
		if parents {
			return nil
		}
		return errors.New("File exists")
	}
	if n := v.nodes[rel]; n != nil {
		if parents && n.dir {
			return nil
		}
		return errors.New("File exists")
	}
	if parents {
		parts := strings.Split(rel, "/")
		for i := 1; i < len(parts); i++ {
			d := strings.Join(parts[:i], "/")
			if n := v.nodes[d]; n == nil {
				if len(v.nodes) >= MaxVolumeFiles {
					return errNoSpace
				}
				v.nodes[d] = &node{dir: true}
				v.shape++
			} else if !n.dir {
				return errNotDir
			}
		}
	} else if err := parentOK(v, rel, mounted); err != nil {
		return err
	}
	if len(v.nodes) >= MaxVolumeFiles {
		return errNoSpace
	}
	v.nodes[rel] = &node{dir: true}
	v.shape++
	return nil
}

func (f *fs) remove(p string, recursive bool) error {
	v, rel, ro, _ := f.resolve(p)
	if ro {
		return errReadOnly
	}
	n := v.nodes[rel]
	if n == nil || rel == "" {
		if rel == "" {
			return errors.New("Device or resource busy")
		}
		return errNotFound
	}
	if n.dir {
		if !recursive {
			return errIsDir
		}
		for q, m := range v.nodes {
			if strings.HasPrefix(q, rel+"/") {
				v.bytes -= len(m.data)
				delete(v.nodes, q)
			}
		}
	}
	v.bytes -= len(n.data)
	delete(v.nodes, rel)
	v.shape++
	return nil
}

// list is a directory's entries, sorted.
func (f *fs) list(p string) ([]string, error) {
	n, ok := f.stat(p)
	if !ok {
		return nil, errNotFound
	}
	if !n.dir {
		return []string{path.Base(p)}, nil
	}
	v, rel, _, _ := f.resolve(p)
	prefix := rel + "/"
	if rel == "" {
		prefix = ""
	}
	seen := map[string]bool{}
	for q := range v.nodes {
		if q != "" && strings.HasPrefix(q, prefix) {
			seen[strings.SplitN(strings.TrimPrefix(q, prefix), "/", 2)[0]] = true
		}
	}
	abs := path.Clean("/" + p)
	for _, m := range f.mounts {
		if path.Dir(m.Path) == abs && m.Path != abs {
			seen[path.Base(m.Path)] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out, nil
}
