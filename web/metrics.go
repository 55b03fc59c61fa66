package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own (no global state, so
// tests can start several servers in one process).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lvzhi_http_requests_total", Help: "HTTP requests by method, section and status.",
		}, []string{"method", "section", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "lvzhi_http_request_duration_seconds", Help: "HTTP request latency by section.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"section"}),
	}
	m.reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// section is the first path segment ("members", "api"): a label with few values, where the
// full path would make a series per record.
func section(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return "home"
	}
	first, rest, _ := strings.Cut(p, "/")
	if first == "api" {
		v1, _, _ := strings.Cut(strings.TrimPrefix(rest, "v1/"), "/")
		return "api/" + v1
	}
	return first
}

func (m *metrics) observe(r *http.Request, status int, d time.Duration) {
	sec := section(r.URL.Path)
	m.requests.WithLabelValues(r.Method, sec, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(sec).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }
