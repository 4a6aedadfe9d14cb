package diagram

import "podviz/controller"

// Cache keeps rendered pod boxes between Renders, keyed by everything a box
// shows (crush's cached list items): the pod's UID and resourceVersion, its
// width, the glyph and colour mode, whether it is selected and whether its
// ReplicaSet is old. Entries not used by a Render are dropped at its end, so
// the cache holds one frame's boxes at most. Not safe for concurrent use.
type Cache struct {
	boxes map[cacheKey]block
	used  map[cacheKey]block
	// plans remembers choosePlan's answer per shape (see shapeKey).
	plans map[string]plan
}

type cacheKey struct {
	uid             string
	resourceVersion uint64
	width           int
	ascii, color    bool
	light           bool
	selected, old   bool
	// detail is the pod's trouble line as drawn (it counts down by itself).
	detail string
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{boxes: map[cacheKey]block{}, plans: map[string]plan{}} }

func (c *Cache) begin(Options) {
	if c != nil && c.used == nil {
		c.used = make(map[cacheKey]block, len(c.boxes))
	}
}

func (c *Cache) end() {
	if c != nil {
		c.boxes, c.used = c.used, nil
	}
}

// cachedPodBox returns the box for a ReplicaSet's pod, from the cache when
// one is set and holds it.
func (o *Options) cachedPodBox(p *painter, pod *controller.PodView, old bool, w int) block {
	c := o.Cache
	if c == nil || c.used == nil {
		return replicaPodBox(p, pod, o, old, w)
	}
	var detail string
	if why, next := trouble(pod, p.now); why != "" {
		detail = why + "\x00" + next
	}
	k := cacheKey{pod.UID, pod.ResourceVersion, w, o.ASCII, o.Color, o.Light, pod.UID == o.Selected, old, detail}
	if b, ok := c.boxes[k]; ok {
		c.used[k] = b
		return b.withOwnPlaces()
	}
	b := replicaPodBox(p, pod, o, old, w)
	c.used[k] = b
	return b.withOwnPlaces()
}

// withOwnPlaces is b with a copy of its places, which the caller may move
// (see offset) without changing the cached block.
func (b block) withOwnPlaces() block {
	b.places = append([]Place(nil), b.places...)
	return b
}
