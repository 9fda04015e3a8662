// The HistoryStore module; see DESIGN.md for what it holds.
