package web

import "net/http"

// routes lists every URL of the site: pages, the JSON API and the operational endpoints.
// Reading this file tells what the platform serves.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	page := func(pattern string, h http.HandlerFunc) { mux.HandleFunc(pattern, s.signedIn(h)) }

	// Operations.
	mux.Handle("GET /static/", staticFS())
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	mux.Handle("GET /metrics", s.metrics.handler())
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})

	// Signing in and the user's own account.
	mux.HandleFunc("GET /login", s.handleLoginPage)
	mux.HandleFunc("POST /login", s.handleLogin)
	mux.HandleFunc("POST /logout", s.handleLogout)
	mux.HandleFunc("POST /lang", s.handleSetLanguage)
	page("GET /password", s.handlePasswordPage)
	page("POST /password", s.handleChangePassword)
	page("GET /totp", s.handleTOTPPage)
	page("POST /totp", s.handleConfirmTOTP)
	page("POST /committee", s.handleSwitchCommittee)

	// Home and organisation.
	page("GET /{$}", s.handleHome)
	page("GET /org", s.handleOverview)
	page("GET /org/unassigned", s.handleUnassigned)
	page("GET /org/units/{kind}", s.handleOrgUnits)
	page("POST /org/units/{kind}", s.handleCreateOrgUnit)
	page("POST /org/units/{kind}/{id}", s.handleUpdateOrgUnit)
	page("POST /org/units/{kind}/{id}/delete", s.handleDeleteOrgUnit)
	page("GET /terms", s.handleTerms)
	page("POST /terms", s.handleCreateTerm)
	page("POST /terms/{id}/sessions", s.handleCreateSession)

	// Members and the roster.
	page("GET /members", s.handleMemberList)
	page("GET /members/new", s.handleMemberNew)
	page("POST /members", s.handleCreateMember)
	page("GET /members/{id}", s.handleMemberPage)
	page("GET /members/{id}/edit", s.handleMemberEdit)
	page("POST /members/{id}", s.handleUpdateMember)
	page("POST /members/{id}/reveal", s.handleRevealMember)
	page("POST /members/{id}/actions/{action}", s.handleMemberAction)
	page("GET /members/{id}/photo", s.handleMemberPhoto)
	page("GET /roster", s.handleRosterPage)
	page("GET /roster/template.xlsx", s.handleRosterTemplate)
	page("POST /roster/import", s.handleRosterImport)
	page("GET /roster/export.xlsx", s.handleRosterExport)

	// Published proposals and replies: public, no sign-in.
	mux.HandleFunc("GET /public/proposals", s.handlePublicProposals)
	mux.HandleFunc("GET /public/proposals/{id}", s.handlePublicProposal)

	// Proposals.
	page("GET /proposals", s.handleProposalList)
	page("GET /proposals/new", s.handleProposalNew)
	page("POST /proposals", s.handleCreateProposal)
	page("POST /proposals/similar", s.handleSimilarProposals)
	page("GET /proposals/import", s.handleProposalImportPage)
	page("POST /proposals/import", s.handleProposalImport)
	page("GET /proposals/import/template.xlsx", s.handleProposalImportTemplate)
	page("GET /proposals/register.xlsx", s.handleProposalRegister)
	page("GET /proposals/stats", s.handleProposalStats)
	page("GET /proposals/{id}/print.docx", s.handleProposalPrint)
	page("GET /proposals/{id}", s.handleProposalPage)
	page("GET /proposals/{id}/edit", s.handleProposalEdit)
	page("POST /proposals/{id}", s.handleUpdateProposal)
	page("POST /proposals/{id}/actions/{action}", s.handleProposalAction)
	page("POST /proposals/{id}/cosign", s.handleProposalCosign)
	page("GET /proposals/{id}/compare/{other}", s.handleProposalCompare)

	// Administration: accounts, security policy, audit log.
	page("GET /users", s.handleUserList)
	page("GET /users/new", s.handleUserNew)
	page("POST /users", s.handleCreateUser)
	page("GET /users/{id}", s.handleUserPage)
	page("POST /users/{id}", s.handleUpdateUser)
	page("POST /users/{id}/actions/{action}", s.handleUserAction)
	page("GET /policy", s.handlePolicyPage)
	page("POST /policy", s.handleUpdatePolicy)
	page("GET /audit", s.handleAuditList)
	page("GET /audit/export.xlsx", s.handleAuditExport)

	s.apiRoutes(mux)
	return mux
}
