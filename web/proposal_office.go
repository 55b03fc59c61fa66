package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"lvzhi"
	"lvzhi/register"
	"lvzhi/store"
)

// proposalImportPage is the data of the page that brings in earlier years' proposals.
type proposalImportPage struct {
	Layout
	proposalOptions
	SessionID int64
	File      string
	Errors    []register.RowError
	Error     string
	Imported  int
}

func (s *Server) handleProposalImportPage(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	p := proposalImportPage{Layout: s.layout(r, "proposal.import")}
	var err error
	if p.proposalOptions, err = s.proposalOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "proposalimport", p)
}

// handleProposalImport reads an XLSX or CSV of earlier proposals and writes it only when
// every row is good; otherwise it lists every bad row and writes nothing.
func (s *Server) handleProposalImport(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	p := proposalImportPage{Layout: s.layout(r, "proposal.import"), SessionID: formID(r.FormValue("session_id"))}
	var err error
	if p.proposalOptions, err = s.proposalOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	err = func() error {
		if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}); err != nil {
			return err
		}
		file, hdr, err := r.FormFile("file")
		if err != nil {
			return lvzhi.Invalid(map[string]string{"file": "请选择要导入的文件(.xlsx 或 .csv)"})
		}
		defer file.Close()
		p.File = hdr.Filename
		var rows []register.Row
		if strings.EqualFold(filepath.Ext(hdr.Filename), ".csv") {
			rows, p.Errors = register.ParseCSV(file, p.Settings.Categories)
		} else {
			rows, p.Errors = register.ParseXLSX(file, p.Settings.Categories)
		}
		if len(p.Errors) > 0 {
			return nil
		}
		p.Imported, err = s.st.ImportProposals(r.Context(), a, p.SessionID, rows)
		return err
	}()
	switch c := lvzhi.ErrorCodeOf(err); {
	case err != nil && c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict:
		s.fail(w, r, err)
		return
	case err != nil:
		p.Error, status = lvzhi.ErrorMessage(err), statusOf(c)
		if f := lvzhi.ErrorFields(err)["file"]; f != "" {
			p.Error = f
		}
	case len(p.Errors) > 0:
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "proposalimport", p)
}

func (s *Server) handleProposalImportTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := register.Template(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "历史提案导入模板.xlsx", buf.Bytes())
}

// handleProposalRegister exports the register (提案登记簿) of the proposals the filters select.
func (s *Server) handleProposalRegister(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	rows, err := s.st.ProposalRegister(r.Context(), a, proposalFilter(a, r.URL.Query()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := register.Export(&buf, rows); err != nil {
		s.fail(w, r, err)
		return
	}
	sendXLSX(w, "提案登记簿"+time.Now().In(lvzhi.China).Format("20060102")+".xlsx", buf.Bytes())
}

// handleProposalPrint sends the proposal form (提案纸) as a DOCX.
func (s *Server) handleProposalPrint(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	d, err := s.st.ProposalDetail(ctx, a, formID(r.PathValue("id")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := d.Proposal
	pp := register.PrintProposal{SessionName: pr.SessionName, Number: pr.Number, Title: pr.Title, Proposer: pr.ProposerName,
		Category: pr.Category, Body: pr.Body, Submitted: pr.Submitted, Units: pr.HistoryUnits}
	if c, err := s.st.Committee(ctx, pr.CommitteeID); err == nil {
		pp.Committee = c.Name
	}
	if pr.ProposerID != 0 {
		if m, err := s.st.Member(ctx, a, pr.ProposerID); err == nil { // masked: the form shows 138****1234
			pp.Sector, pp.Phone = m.SectorName, m.Phone
		}
	}
	var units []string
	for _, u := range d.Units {
		if u.SentBackReason == "" {
			units = append(units, u.Name+"("+lvzhi.UnitRoleLabel[u.Role]+")")
		}
	}
	if len(units) > 0 {
		pp.Units = strings.Join(units, "、")
	}
	var buf bytes.Buffer
	if err := register.Printout(&buf, pp); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"proposal.docx\"; filename*=UTF-8''%s", url.PathEscape("提案"+fmt.Sprintf("%04d", pr.Number)+".docx")))
	w.Write(buf.Bytes())
}

// proposalStatsPage is the data of the statistics page: per unit, per category, per sector.
type proposalStatsPage struct {
	Layout
	proposalOptions
	SessionID  int64
	Units      []store.UnitStats
	Categories []store.StateCounts
	Sectors    []store.StateCounts
}

func (s *Server) handleProposalStats(w http.ResponseWriter, r *http.Request) {
	a, ctx := actor(r), r.Context()
	p := proposalStatsPage{Layout: s.layout(r, "proposal.stats"), SessionID: formID(r.URL.Query().Get("session_id"))}
	var err error
	if p.proposalOptions, err = s.proposalOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.SessionID == 0 && len(p.Sessions) > 0 {
		p.SessionID = p.Sessions[len(p.Sessions)-1].ID
	}
	if p.Units, err = s.st.ProposalStatsByUnit(ctx, a, p.SessionID); err != nil {
		s.fail(w, r, err)
		return
	}
	if lvzhi.Can(a, lvzhi.ActionExport, lvzhi.Target{Kind: lvzhi.KindProposal, CommitteeID: a.CommitteeID}) {
		if p.Categories, err = s.st.ProposalStatsByCategory(ctx, a, p.SessionID); err != nil {
			s.fail(w, r, err)
			return
		}
		if p.Sectors, err = s.st.ProposalStatsBySector(ctx, a, p.SessionID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "proposalstats", p)
}
