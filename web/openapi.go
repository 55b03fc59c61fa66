package web

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the hand-written OpenAPI 3.1 description of every /api/v1 route. The
// tests hold it to apiRouteTable both ways, so a route cannot be added without its entry.
//
//go:embed openapi.json
var openAPIDoc []byte

// apiOpenAPI serves the API's description; it is public, like the login it describes.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
}
