//go:build race

package store

// raceEnabled: under the race detector the pure-Go SQLite runs tens of times slower, so the
// test on the real proposals asks for the near-duplicates of a sample only.
const raceEnabled = true
