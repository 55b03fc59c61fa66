package web

import (
	"net/url"
	"strconv"

	"lvzhi"
)

// Pager is the paging of a list page: every list page embeds it, and the "pager" template
// draws it the same way everywhere.
type Pager struct {
	ListPath string     // the list's path
	Query    url.Values // the filters as typed, without the page, for the filter form and the links
	Total    int        // rows the filter selects
	Page     int        // the page shown, from 1
	Pages    int        // pages the rows fill
}

// newPager builds the paging of a list from its request query and the total the store counted.
func newPager(path string, q url.Values, p lvzhi.Paging, total int) Pager {
	query := url.Values{}
	for k, v := range q {
		if k != "page" {
			query[k] = v
		}
	}
	page := max(p.Page, 1)
	return Pager{ListPath: path, Query: query, Total: total, Page: page, Pages: p.Pages(total)}
}

// PageURL is the list's URL for page n with the same filters.
func (p Pager) PageURL(n int) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(n))
	return p.ListPath + "?" + q.Encode()
}

// exportRows is the most rows an export collects: a spreadsheet longer than that is not read,
// and the filters narrow it.
const exportRows = 100000

// allPages collects every page of a list for an export, 500 rows at a time, up to exportRows.
// list reads the page p stands at; allPages moves p.
func allPages[T any](p *lvzhi.Paging, list func() ([]T, error)) ([]T, error) {
	p.Page, p.PerPage = 1, 500
	var all []T
	for len(all) < exportRows {
		rows, err := list()
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
		if len(rows) < p.Limit() {
			break
		}
		p.Page++
	}
	return all, nil
}
