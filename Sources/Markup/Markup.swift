// The Markup module; see DESIGN.md for what it holds.
