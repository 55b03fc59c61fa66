package web

import (
	"net/http"
	"strconv"

	"lvzhi"
	"lvzhi/store"
)

// publicListPage is the public page of a committee's published proposals and replies.
type publicListPage struct {
	Layout
	Pager
	Committees []lvzhi.Committee
	Proposals  []lvzhi.Proposal
	Q          string
}

// handlePublicProposals lists the published proposals of a committee for anyone, signed in
// or not: title, proposer, category, searchable by words in the text.
func (s *Server) handlePublicProposals(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	all, err := s.st.Committees(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := publicListPage{Layout: s.layout(r, "public.title"), Committees: all, Q: r.URL.Query().Get("q")}
	committee := formID(r.URL.Query().Get("committee"))
	if committee == 0 && len(all) > 0 {
		committee = all[0].ID
	}
	for _, c := range all {
		if c.ID == committee {
			p.Committee = c
		}
	}
	var pg lvzhi.Paging
	pg.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	list, total, err := s.st.PublishedProposals(ctx, actor(r), committee, p.Q, pg)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Proposals, p.Pager = list, newPager("/public/proposals", r.URL.Query(), pg, total)
	s.render(w, r, http.StatusOK, "publicproposals", p)
}

// publicProposalPage is one published proposal and its reply.
type publicProposalPage struct {
	Layout
	store.PublicProposal
}

func (s *Server) handlePublicProposal(w http.ResponseWriter, r *http.Request) {
	pp, err := s.st.PublishedProposal(r.Context(), actor(r), formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := publicProposalPage{Layout: s.layout(r, "public.title"), PublicProposal: pp}
	p.TitleArg = pp.Proposal.Title
	s.render(w, r, http.StatusOK, "publicproposal", p)
}
