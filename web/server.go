// Package web serves the platform over HTTP: server-rendered pages (html/template and htmx)
// and the JSON API under /api/v1. Handlers parse requests, call one store use case, and
// render; they never decide permissions — the store asks the domain for every read and write.
package web

import (
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"lvzhi/store"
)

//go:embed static templates/*.html i18n
var assets embed.FS

// Config is what the server needs to know about its deployment.
type Config struct {
	Version      string
	Demo         bool     // demo data: every page says so
	DemoAccounts []string // the demo usernames, listed on the login page in demo mode
	DemoPassword string
	DataDir      string // where uploaded files live
	SecureCookie bool   // set the Secure flag on cookies (behind HTTPS)
	Logger       *slog.Logger
}

// Server is the HTTP side of one deployment.
type Server struct {
	cfg     Config
	st      *store.Store
	pages   *renderer
	files   *fileStore
	metrics *metrics
	log     *slog.Logger
	started time.Time
}

// NewServer builds the handler of the whole site.
func NewServer(st *store.Store, cfg Config) (http.Handler, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	pages, err := newRenderer(assets)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, st: st, pages: pages, files: &fileStore{dir: cfg.DataDir},
		metrics: newMetrics(), log: cfg.Logger, started: time.Now(),
	}
	return s.middleware(s.routes()), nil
}

// staticFS is the embedded static folder, served under /static/.
func staticFS() http.Handler {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err) // the folder is embedded at build time; missing means a broken build
	}
	return http.StripPrefix("/static/", cacheForever(http.FileServerFS(sub)))
}

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(w, r)
	})
}
