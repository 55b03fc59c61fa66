package web

import (
	"net/http"
	"strconv"

	"lvzhi"
)

// planFormPage is the data of the form that proposes a plan item or edits one.
type planFormPage struct {
	Layout
	planOptions
	Item   lvzhi.PlanItem
	Action string
	Errors map[string]string
	Error  string
}

// planItemFromForm reads the plan item form.
func planItemFromForm(r *http.Request) lvzhi.PlanItem {
	year, _ := strconv.Atoi(r.FormValue("year"))
	return lvzhi.PlanItem{Year: year, Topic: r.FormValue("topic"), Description: r.FormValue("description"),
		Form: r.FormValue("form"), ProposerID: formID(r.FormValue("proposer_id"))}
}

func (s *Server) renderPlanForm(w http.ResponseWriter, r *http.Request, status int, p planFormPage, err error) {
	var oerr error
	if p.planOptions, oerr = s.planOptions(r); oerr != nil {
		s.fail(w, r, oerr)
		return
	}
	if err != nil {
		p.Errors, p.Error = lvzhi.ErrorFields(err), lvzhi.ErrorMessage(err)
	}
	s.render(w, r, status, "planform", p)
}

func (s *Server) handlePlanItemNew(w http.ResponseWriter, r *http.Request) {
	a := actor(r)
	if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindConsultationPlan, CommitteeID: a.CommitteeID}); err != nil {
		s.fail(w, r, err)
		return
	}
	item := lvzhi.PlanItem{Year: s.st.Now().In(lvzhi.China).Year(), Form: lvzhi.ActivityTopicalConsultation}
	if y, _ := strconv.Atoi(r.URL.Query().Get("year")); y != 0 {
		item.Year = y
	}
	s.renderPlanForm(w, r, http.StatusOK, planFormPage{Layout: s.layout(r, "plan.new"), Item: item, Action: "/plan"}, nil)
}

func (s *Server) handleCreatePlanItem(w http.ResponseWriter, r *http.Request) {
	in := planItemFromForm(r)
	p, err := s.st.CreatePlanItem(r.Context(), actor(r), in)
	if err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.renderPlanForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), planFormPage{Layout: s.layout(r, "plan.new"), Item: in, Action: "/plan"}, err)
		return
	}
	http.Redirect(w, r, planItemPath(p.ID, "saved"), http.StatusSeeOther)
}

func (s *Server) handlePlanItemEdit(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	item, err := s.st.PlanItem(r.Context(), actor(r), id)
	if err == nil {
		err = lvzhi.Authorize(actor(r), lvzhi.ActionUpdate, item.Target())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l := s.layout(r, "plan.edit")
	l.TitleArg = item.Topic
	s.renderPlanForm(w, r, http.StatusOK, planFormPage{Layout: l, Item: item, Action: "/plan/" + strconv.FormatInt(id, 10)}, nil)
}

func (s *Server) handleUpdatePlanItem(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	in := planItemFromForm(r)
	in.ID = id
	if err := s.st.UpdatePlanItem(r.Context(), actor(r), in); err != nil {
		if c := lvzhi.ErrorCodeOf(err); c != lvzhi.ErrInvalid && c != lvzhi.ErrConflict {
			s.fail(w, r, err)
			return
		}
		s.renderPlanForm(w, r, statusOf(lvzhi.ErrorCodeOf(err)), planFormPage{Layout: s.layout(r, "plan.edit"), Item: in,
			Action: "/plan/" + strconv.FormatInt(id, 10)}, err)
		return
	}
	http.Redirect(w, r, planItemPath(id, "saved"), http.StatusSeeOther)
}

func (s *Server) handleDeletePlanItem(w http.ResponseWriter, r *http.Request) {
	id := formID(r.PathValue("id"))
	if err := s.st.DeletePlanItem(r.Context(), actor(r), id); err != nil {
		s.planItemFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, "/plan?ok=saved", http.StatusSeeOther)
}
