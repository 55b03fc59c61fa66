package lvzhi

// Paging is the page of a list that a filter asks for. Every list filter embeds it, so every
// list page and API list pages the same way.
type Paging struct {
	Page    int
	PerPage int
}

// Limit returns the page size, bounded so no request can ask for the whole table at once.
func (p Paging) Limit() int {
	switch {
	case p.PerPage < 1:
		return 50
	case p.PerPage > 500:
		return 500
	}
	return p.PerPage
}

// maxPage bounds the page number a URL may ask for, so the offset cannot overflow.
const maxPage = 1_000_000

// Offset returns the number of rows before the page.
func (p Paging) Offset() int {
	if p.Page < 1 {
		return 0
	}
	return (min(p.Page, maxPage) - 1) * p.Limit()
}

// Pages returns how many pages total rows fill.
func (p Paging) Pages(total int) int {
	if total == 0 {
		return 1
	}
	return (total + p.Limit() - 1) / p.Limit()
}
