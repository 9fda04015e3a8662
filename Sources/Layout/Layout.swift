// The Layout module; see DESIGN.md for what it holds.
