// The Documents module; see DESIGN.md for what it holds.
