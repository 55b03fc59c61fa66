package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
)

// config is everything a command needs from flags and the environment. It is built in run
// and passed down; nothing reads the environment anywhere else.
type config struct {
	Addr         string
	DataDir      string
	DB           string
	LogFormat    string
	SecureCookie bool
}

// parseConfig reads the shared flags, each falling back to its LVZHI_ environment variable,
// and returns the remaining arguments. extra lets a command add its own flags.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (config, []string, error) {
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	var c config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", env("LVZHI_ADDR", "127.0.0.1:8080"), "listen address")
	fs.StringVar(&c.DataDir, "data", env("LVZHI_DATA", "data"), "data directory")
	fs.StringVar(&c.DB, "db", env("LVZHI_DB", ""), "SQLite path or postgres:// URL")
	fs.StringVar(&c.LogFormat, "log-format", env("LVZHI_LOG_FORMAT", "text"), "text or json")
	fs.BoolVar(&c.SecureCookie, "secure-cookie", env("LVZHI_SECURE_COOKIE", "") == "true", "mark cookies Secure (behind HTTPS)")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(interleave(fs, args)); err != nil {
		return c, nil, err
	}
	if c.DB == "" {
		c.DB = filepath.Join(c.DataDir, "lvzhi.db")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, nil, fmt.Errorf("--log-format 应为 text 或 json")
	}
	return c, fs.Args(), nil
}

// interleave moves flags after positional arguments to the front, so
// `lvzhi user add alice --role staff` works as people type it.
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := a[1:]
			if len(name) > 0 && name[0] == '-' {
				name = name[1:]
			}
			if f := fs.Lookup(name); f != nil && !isBool(f) && !strings.Contains(name, "=") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// logger builds the logger the format asks for.
func (c config) logger(w io.Writer) *slog.Logger {
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
