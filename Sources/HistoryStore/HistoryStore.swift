// The event log's types (`StoreEvent`, `StoreAction`, `StoreFile`) are part of the store's interface:
// whoever imports the store names them without importing the JSON codec's module itself.
@_exported import EventLog
