package diagram

// border is one set of box-drawing characters. Sets are values, picked once
// per Render and passed down (lipgloss's RoundedBorder/ASCIIBorder habit).
type border struct {
	topLeft, topRight, bottomLeft, bottomRight string
	horizontal, vertical                       string
}

var (
	roundedBorder = border{"╭", "╮", "╰", "╯", "─", "│"}
	// heavyBorder marks the selected object, so selection shows without colour.
	heavyBorder = border{"┏", "┓", "┗", "┛", "━", "┃"}
	// asciiBorder is the article's own style.
	asciiBorder         = border{"+", "+", "+", "+", "-", "|"}
	asciiSelectedBorder = border{"#", "#", "#", "#", "=", "#"}
	// dashedBorder and asciiDashedBorder draw a deleted Pod's empty slot.
	dashedBorder      = border{"╭", "╮", "╰", "╯", "┄", "┆"}
	asciiDashedBorder = border{"+", "+", "+", "+", ".", ":"}
)

// glyphSet is everything non-textual the renderer draws, in one alphabet.
type glyphSet struct {
	normal, selected border
	ghost            border
	ellipsis         string
	pointer          string // marks the selected one-line pod
	dot              string // separator inside a line: " · " or ", "
	arrow            string // "→" or "->"
	states           [numStates]string
}

var unicodeGlyphs = glyphSet{
	normal:   roundedBorder,
	selected: heavyBorder,
	ghost:    dashedBorder,
	ellipsis: "…",
	pointer:  "▶",
	dot:      " · ",
	arrow:    "→",
	states: [numStates]string{
		statePending:      "○",
		stateCreating:     "◔",
		stateRunning:      "◑",
		stateReady:        "●",
		stateTerminating:  "✕",
		stateErrImagePull: "✗",
		stateBackOff:      "✗",
		stateCrashLoop:    "↻",
		stateCompleted:    "✓",
		stateError:        "✖",
		stateOther:        "?",
	},
}

var asciiGlyphs = glyphSet{
	normal:   asciiBorder,
	selected: asciiSelectedBorder,
	ghost:    asciiDashedBorder,
	ellipsis: "~",
	pointer:  ">",
	dot:      ", ",
	arrow:    "->",
	states: [numStates]string{
		statePending:      ".",
		stateCreating:     ":",
		stateRunning:      "o",
		stateReady:        "*",
		stateTerminating:  "x",
		stateErrImagePull: "!",
		stateBackOff:      "!",
		stateCrashLoop:    "@",
		stateCompleted:    "=",
		stateError:        "E",
		stateOther:        "?",
	},
}
