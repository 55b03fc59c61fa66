package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"lvzhi"
)

// checkRefs makes sure every grouping a member record points to exists, is of the right kind
// and belongs to the member's committee — a form post cannot borrow another committee's rows.
func (t *Tx) checkRefs(ctx context.Context, m lvzhi.Member) error {
	refs := []struct {
		id    int64
		kind  lvzhi.OrgUnitKind
		field string
	}{
		{m.SectorID, lvzhi.OrgSector, "sector_id"}, {m.PartyID, lvzhi.OrgParty, "party_id"},
		{m.SpecialCommitteeID, lvzhi.OrgSpecialCommittee, "special_committee_id"},
		{m.ActivityGroupID, lvzhi.OrgActivityGroup, "activity_group_id"},
	}
	f := map[string]string{}
	for _, r := range refs {
		if r.id == 0 {
			continue
		}
		var kind string
		var committee, parent int64
		err := t.queryRow(ctx, `SELECT kind, committee_id, COALESCE(parent_id, 0) FROM org_units WHERE id = $1`, r.id).Scan(&kind, &committee, &parent)
		if err != nil || kind != string(r.kind) || committee != m.CommitteeID {
			f[r.field] = "请选择本政协的" + lvzhi.OrgUnitLabel[r.kind]
		} else if r.kind == lvzhi.OrgActivityGroup && m.SpecialCommitteeID != 0 && parent != m.SpecialCommitteeID {
			f[r.field] = "活动小组不属于所选的专门委员会"
		}
	}
	var termCommittee int64
	if err := t.queryRow(ctx, `SELECT committee_id FROM terms WHERE id = $1`, m.TermID).Scan(&termCommittee); err != nil || termCommittee != m.CommitteeID {
		f["term_id"] = "请选择本政协的届次"
	}
	return lvzhi.Invalid(f)
}

// CreateMember adds a member record in state serving.
func (s *Store) CreateMember(ctx context.Context, a lvzhi.Actor, m lvzhi.Member) (lvzhi.Member, error) {
	m.Normalize()
	m.ID, m.State = 0, lvzhi.MemberServing
	if err := m.Validate(); err != nil {
		return m, err
	}
	err := s.write(ctx, a, "member.create", m.Name, func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionCreate, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: m.CommitteeID}); err != nil {
			return err
		}
		if err := tx.checkRefs(ctx, m); err != nil {
			return err
		}
		var err error
		if m.ID, err = tx.insertMember(ctx, m); err != nil {
			return err
		}
		return tx.event(ctx, a, m.CommitteeID, lvzhi.KindMember, m.ID, "create", "", m.State, "新建委员档案")
	})
	return m, err
}

func (t *Tx) insertMember(ctx context.Context, m lvzhi.Member) (int64, error) {
	now := t.s.Now()
	return t.insert(ctx, `INSERT INTO members (committee_id, term_id, name, gender, birth_date, ethnicity, party_id, sector_id,
		special_committee_id, activity_group_id, standing, employer, title, phone, id_number, address, photo_hash, state, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)`,
		m.CommitteeID, m.TermID, m.Name, m.Gender, m.BirthDate, m.Ethnicity, nullID(m.PartyID), m.SectorID,
		nullID(m.SpecialCommitteeID), nullID(m.ActivityGroupID), m.Standing, m.Employer, m.Title, m.Phone,
		m.IDNumber, m.Address, m.PhotoHash, m.State, now)
}

func (t *Tx) updateMember(ctx context.Context, m lvzhi.Member) error {
	_, err := t.exec(ctx, `UPDATE members SET term_id = $1, name = $2, gender = $3, birth_date = $4, ethnicity = $5, party_id = $6,
		sector_id = $7, special_committee_id = $8, activity_group_id = $9, standing = $10, employer = $11, title = $12,
		phone = $13, id_number = $14, address = $15, photo_hash = $16, updated_at = $17 WHERE id = $18`,
		m.TermID, m.Name, m.Gender, m.BirthDate, m.Ethnicity, nullID(m.PartyID), m.SectorID, nullID(m.SpecialCommitteeID),
		nullID(m.ActivityGroupID), m.Standing, m.Employer, m.Title, m.Phone, m.IDNumber, m.Address, m.PhotoHash, t.s.Now(), m.ID)
	return mapErr(err)
}

// UpdateMember saves an edited member record. Staff edit every field; a member editing their
// own record changes only the contact fields (phone, address, photo) — the rest is the
// office's to keep. A masked value sent back unchanged keeps the stored value.
func (s *Store) UpdateMember(ctx context.Context, a lvzhi.Actor, m lvzhi.Member) error {
	m.Normalize()
	return s.write(ctx, a, "member.update", object(lvzhi.KindMember, m.ID), func(tx *Tx) error {
		old, err := tx.member(ctx, m.ID)
		if err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionUpdate, old.Target()); err != nil {
			return err
		}
		if m.Phone == lvzhi.MaskPhone(old.Phone) {
			m.Phone = old.Phone
		}
		if m.IDNumber == lvzhi.MaskIDNumber(old.IDNumber) {
			m.IDNumber = old.IDNumber
		}
		if m.PhotoHash == "" { // no new photo uploaded: keep the one there is
			m.PhotoHash = old.PhotoHash
		}
		if !lvzhi.Can(a, lvzhi.ActionUpdate, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: old.CommitteeID}) {
			own := old // a member changes the contact fields of their own record only
			own.Phone, own.Address, own.PhotoHash = m.Phone, m.Address, m.PhotoHash
			m = own
		}
		m.CommitteeID, m.State = old.CommitteeID, old.State
		if err := m.Validate(); err != nil {
			return err
		}
		if err := tx.checkRefs(ctx, m); err != nil {
			return err
		}
		if err := tx.updateMember(ctx, m); err != nil {
			return err
		}
		return tx.event(ctx, a, m.CommitteeID, lvzhi.KindMember, m.ID, "update", m.State, m.State, changedFields(old, m))
	})
}

// changedFields names, in Chinese, the fields an edit changed, for the record's history.
// Personal data is named but its values are not copied into the history.
func changedFields(old, m lvzhi.Member) string {
	var names []string
	check := func(changed bool, name string) {
		if changed {
			names = append(names, name)
		}
	}
	check(old.Name != m.Name, "姓名")
	check(old.Gender != m.Gender, "性别")
	check(old.BirthDate != m.BirthDate, "出生日期")
	check(old.Ethnicity != m.Ethnicity, "民族")
	check(old.PartyID != m.PartyID, "党派")
	check(old.SectorID != m.SectorID, "界别")
	check(old.SpecialCommitteeID != m.SpecialCommitteeID, "专门委员会")
	check(old.ActivityGroupID != m.ActivityGroupID, "活动小组")
	check(old.Standing != m.Standing, "是否常委")
	check(old.Employer != m.Employer || old.Title != m.Title, "工作单位及职务")
	check(old.Phone != m.Phone, "联系电话")
	check(old.IDNumber != m.IDNumber, "身份证号")
	check(old.Address != m.Address, "通讯地址")
	check(old.PhotoHash != m.PhotoHash, "照片")
	if len(names) == 0 {
		return "保存(无变化)"
	}
	return "修改了" + joinChinese(names)
}

// fieldsText writes an error's field messages as one sentence, in a stable order.
func fieldsText(err error) string {
	f := lvzhi.ErrorFields(err)
	if len(f) == 0 {
		return lvzhi.ErrorMessage(err)
	}
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	msgs := make([]string, len(keys))
	for i, k := range keys {
		msgs[i] = f[k]
	}
	return strings.Join(msgs, ";")
}

func joinChinese(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += "、"
		}
		out += x
	}
	return out
}

// ChangeMember applies a workflow action (leave, reinstate) to a member record and writes
// the event with the note in the same transaction.
func (s *Store) ChangeMember(ctx context.Context, a lvzhi.Actor, id int64, action, note string) (lvzhi.Member, error) {
	var m lvzhi.Member
	err := s.write(ctx, a, "member."+action, object(lvzhi.KindMember, id), func(tx *Tx) error {
		var err error
		if m, err = tx.member(ctx, id); err != nil {
			return err
		}
		if err := lvzhi.Authorize(a, lvzhi.ActionChange, m.Target()); err != nil {
			return err
		}
		to, err := lvzhi.MemberWorkflow.Next(m.State, action)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE members SET state = $1, updated_at = $2 WHERE id = $3`, to, s.Now(), id); err != nil {
			return err
		}
		from := m.State
		m.State = to
		return tx.event(ctx, a, m.CommitteeID, lvzhi.KindMember, id, action, from, to, note)
	})
	m.Mask()
	return m, err
}

// ImportResult says what a roster import did.
type ImportResult struct {
	Created, Updated int
}

// ImportMembers writes a validated roster into a term in one transaction: a member whose ID
// number is already in the term is updated, the others are created. Any failure writes
// nothing. Rows are checked by the caller's parser; this checks them again against the
// domain rules and the committee's groupings, and reports the first bad one by row number.
func (s *Store) ImportMembers(ctx context.Context, a lvzhi.Actor, committeeID, termID int64, rows []lvzhi.Member) (ImportResult, error) {
	var res ImportResult
	err := s.write(ctx, a, "member.import", fmt.Sprintf("term:%d", termID), func(tx *Tx) error {
		if err := lvzhi.Authorize(a, lvzhi.ActionImport, lvzhi.Target{Kind: lvzhi.KindMember, CommitteeID: committeeID}); err != nil {
			return err
		}
		existing := map[string]lvzhi.Member{}
		list, err := tx.members(ctx, `WHERE m.committee_id = $1 AND m.term_id = $2`, committeeID, termID)
		if err != nil {
			return err
		}
		for _, m := range list {
			existing[m.IDNumber] = m
		}
		inFile := map[string]int{}
		for i, m := range rows {
			m.Normalize()
			m.CommitteeID, m.TermID = committeeID, termID
			if first, dup := inFile[m.IDNumber]; dup {
				return lvzhi.Errorf(lvzhi.ErrInvalid, "第%d条(%s):身份证号与第%d条重复", i+1, m.Name, first)
			}
			inFile[m.IDNumber] = i + 1
			old, found := existing[m.IDNumber]
			m.ID, m.State, m.PhotoHash = old.ID, lvzhi.MemberServing, old.PhotoHash
			if found {
				m.State = old.State
			}
			err := m.Validate()
			if err == nil {
				err = tx.checkRefs(ctx, m)
			}
			if err != nil {
				return lvzhi.Errorf(lvzhi.ErrInvalid, "第%d条(%s):%s", i+1, m.Name, fieldsText(err))
			}
			if found {
				if err := tx.updateMember(ctx, m); err != nil {
					return err
				}
				res.Updated++
				if err := tx.event(ctx, a, committeeID, lvzhi.KindMember, m.ID, "import", m.State, m.State, "名册导入:"+changedFields(old, m)); err != nil {
					return err
				}
				continue
			}
			if m.ID, err = tx.insertMember(ctx, m); err != nil {
				return err
			}
			existing[m.IDNumber] = m
			res.Created++
			if err := tx.event(ctx, a, committeeID, lvzhi.KindMember, m.ID, "import", "", m.State, "名册导入新建"); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}
