//go:build !race

package store

// raceEnabled: see proposal_race_test.go.
const raceEnabled = false
