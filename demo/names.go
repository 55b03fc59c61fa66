package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"lvzhi"
)

// The people are invented: a common surname and one or two given-name characters drawn at
// random. Generated names avoid matching any real office holder on purpose, and the lists
// are long enough that a committee of 348 has no two members with the same name.
var (
	surnames = []rune("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯史陶贺顾毛郝龚邵万严武")
	male     = []rune("伟强军磊勇杰涛斌鹏辉刚峰建国明志文华俊海平林东亮宏波超健飞永振学德成春晓世立新喜荣卫锋毅忠庆")
	female   = []rune("芳娜敏静丽艳娟霞燕玲萍红梅琳婷雪慧颖洁兰英秀玉凤晶瑞倩莉蓉佳琴桂月彤欣岚")
)

// minorities are the ethnic groups of the region besides 汉族, for members who are not Han.
var minorities = []string{"回族", "回族", "回族", "回族", "东乡族", "东乡族", "藏族", "藏族", "满族", "土族", "保安族", "裕固族"}

// seat is one generated member before it is written: the personal fields are final, the
// groupings are positions in the plan's lists, turned into ids once the groupings exist.
type seat struct {
	m       lvzhi.Member
	sector  int
	party   string // "" for a member of no party (群众)
	special int    // -1: no special committee
	group   int    // position among all the committee's activity groups; -1: none
}

// roster generates the members of a plan's current term, sector by sector in the plan's
// order, so that the order of the store's member list (by sector, then by id) is the order
// generated here. Each plan draws from its own stream with the fixed seed, so the city's
// roster is the same whether or not the districts are generated after it.
func (p plan) roster() []seat {
	rng := rand.New(rand.NewPCG(2026, p.seed))
	counts := spread(rng, len(p.sectors), p.seats, p.minSeats, p.maxSeats)
	usedName, usedID, usedPhone, heads := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	var out []seat
	for sector, n := range counts {
		name := p.sectors[sector]
		for range n {
			s := seat{sector: sector, special: -1, group: -1}
			m := &s.m
			m.Gender = "男"
			if rng.IntN(100) < 32 {
				m.Gender = "女"
			}
			m.Name = unique(usedName, func() string { return personName(rng, m.Gender) })
			a := p.areas[rng.IntN(len(p.areas))]
			m.IDNumber = unique(usedID, func() string { return idNumber(rng, a.code, m.Gender) })
			m.BirthDate = lvzhi.IDBirthDate(m.IDNumber)
			m.Phone = unique(usedPhone, func() string { return phone(rng) })
			m.Employer, m.Title = job(rng, jobs[name], p.place, heads)
			m.Ethnicity = ethnicity(rng, name, m.Employer)
			district := a.name
			if p.level == lvzhi.LevelCounty {
				district = "" // a district's place name already ends with the district
			}
			m.Address = fmt.Sprintf("%s%s%s%d号", p.place, district, pick(rng, streets), 1+rng.IntN(300))
			s.party = party(rng, name, p.parties)
			out = append(out, s)
		}
	}
	for _, i := range rng.Perm(len(out))[:p.standing] {
		out[i].m.Standing = true
	}
	groups := 0
	for _, n := range p.activity {
		groups += n
	}
	for i := range out {
		if groups == 0 {
			out[i].special = rng.IntN(len(p.specials))
			continue
		}
		// Drawing the activity group first and taking its special committee gives every
		// group about the same number of members, as offices try to arrange.
		out[i].group = rng.IntN(groups)
		out[i].special = parentOf(p.activity, out[i].group)
	}
	// The members left out of the special committees are ordinary members: the ones the
	// 全员入委 page shows are recent appointees, not standing members.
	left := 0
	for _, i := range rng.Perm(len(out)) {
		if left == p.unassigned {
			break
		}
		if !out[i].m.Standing {
			out[i].special, out[i].group = -1, -1
			left++
		}
	}
	return out
}

// spread divides total seats among n sectors, each getting between lo and hi.
func spread(rng *rand.Rand, n, total, lo, hi int) []int {
	counts, sum := make([]int, n), 0
	for i := range counts {
		counts[i] = lo + rng.IntN(hi-lo+1)
		sum += counts[i]
	}
	for sum != total {
		i := rng.IntN(n)
		switch {
		case sum > total && counts[i] > lo:
			counts[i]--
			sum--
		case sum < total && counts[i] < hi:
			counts[i]++
			sum++
		}
	}
	return counts
}

// parentOf returns the special committee of activity group g, the groups being numbered
// across all special committees in order.
func parentOf(activity []int, g int) int {
	for sc, n := range activity {
		if g < n {
			return sc
		}
		g -= n
	}
	return -1
}

func unique(used map[string]bool, gen func() string) string {
	for {
		if s := gen(); !used[s] {
			used[s] = true
			return s
		}
	}
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// job draws an employer from a sector's list and a title there: the head title for the first
// member placed with that employer, one of the shared titles for the rest. heads records the
// employers whose head title is taken.
func job(rng *rand.Rand, list []string, place string, heads map[string]bool) (employer, title string) {
	employer, titles, _ := strings.Cut(strings.ReplaceAll(pick(rng, list), "{城}", place), "|")
	all := strings.Split(titles, ",")
	if !heads[employer] {
		heads[employer] = true
		return employer, all[0]
	}
	return employer, pick(rng, all[1:])
}

func personName(rng *rand.Rand, gender string) string {
	given := male
	if gender == "女" {
		given = female
	}
	name := string(surnames[rng.IntN(len(surnames))]) + string(given[rng.IntN(len(given))])
	if rng.IntN(100) < 65 {
		name += string(given[rng.IntN(len(given))])
	}
	return name
}

// idNumber makes a valid resident ID number (GB 11643): area code, a birth date from 1958 to
// 1985, a sequence number whose last digit is odd for men and even for women, and the check
// character, so the demo records pass the same validation as an office's real roster.
func idNumber(rng *rand.Rand, areaCode, gender string) string {
	first := time.Date(1958, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(1985, 12, 31, 0, 0, 0, 0, time.UTC).Sub(first).Hours() / 24)
	birth := first.AddDate(0, 0, rng.IntN(days+1))
	seq := rng.IntN(500) * 2
	if gender == "男" {
		seq++
	}
	body := fmt.Sprintf("%s%s%03d", areaCode, birth.Format("20060102"), seq)
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

// phone makes a mobile number with a 13x, 15x or 18x prefix.
func phone(rng *rand.Rand) string {
	prefix := pick(rng, []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "180", "181", "186", "187", "188", "189"})
	return fmt.Sprintf("%s%08d", prefix, rng.IntN(100000000))
}

// ethnicity follows the sector: the 少数民族界 is drawn from the minorities, the religious
// sector from the faith the member's organisation serves, everyone else mostly 汉族.
func ethnicity(rng *rand.Rand, sector, employer string) string {
	switch {
	case sector == "少数民族界":
		return pick(rng, minorities)
	case strings.Contains(employer, "伊斯兰教"):
		return pick(rng, []string{"回族", "回族", "东乡族", "保安族"})
	case strings.Contains(employer, "佛教"):
		return pick(rng, []string{"藏族", "藏族", "汉族", "土族"})
	case sector == "宗教界", rng.IntN(100) >= 9:
		return "汉族"
	}
	return pick(rng, minorities)
}

// party gives a member a party consistent with the sector: a party's sector holds that
// party's members, the religious sector holds no party members, and the others are mostly
// in the Communist Party, some in none, a few in a democratic party.
func party(rng *rand.Rand, sector string, parties []string) string {
	for _, p := range parties {
		if p == sector {
			return p
		}
	}
	if sector == "宗教界" {
		return ""
	}
	switch r := rng.IntN(100); {
	case r < 50:
		return "中国共产党"
	case r < 68:
		return ""
	case r < 78:
		return "无党派人士"
	}
	return parties[1+rng.IntN(len(parties)-2)] // a democratic party: neither the first (中共) nor the last (无党派)
}
