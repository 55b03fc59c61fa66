package web

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"sort"
	"testing"
)

func catalogs(t *testing.T) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, lang := range languages {
		raw, err := fs.ReadFile(assets, "i18n/"+lang+".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		out[lang] = m
	}
	return out
}

// TestCatalogsHaveTheSameKeys: every message the Chinese UI has, the English one has too,
// and the other way round, so switching language never shows a bare key.
func TestCatalogsHaveTheSameKeys(t *testing.T) {
	cats := catalogs(t)
	for _, a := range languages {
		for _, b := range languages {
			var missing []string
			for k := range cats[a] {
				if _, ok := cats[b][k]; !ok {
					missing = append(missing, k)
				}
			}
			sort.Strings(missing)
			if len(missing) > 0 {
				t.Errorf("%s has keys that %s lacks: %v", a, b, missing)
			}
		}
	}
}

// TestTemplatesUseOnlyCatalogKeys: every key a template or a handler names is in the
// catalogs (a missing key would show as "nav.something" on the page).
func TestTemplatesUseOnlyCatalogKeys(t *testing.T) {
	zh := catalogs(t)["zh-CN"]
	keyRE := regexp.MustCompile(`[{(]t "([a-z_]+\.[a-z_]+)"`)
	files, err := fs.Glob(assets, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	used := map[string]bool{}
	for _, f := range files {
		raw, _ := fs.ReadFile(assets, f)
		for _, m := range keyRE.FindAllStringSubmatch(string(raw), -1) {
			used[m[1]] = true
		}
	}
	for _, g := range navigation {
		used[g.Label] = true
		for _, it := range g.Items {
			used[it.Label] = true
		}
	}
	for k := range used {
		if _, ok := zh[k]; !ok {
			t.Errorf("key %q is used but not in the catalog", k)
		}
	}
	if len(used) < 100 {
		t.Errorf("found only %d keys in use; the scan is broken", len(used))
	}
}

// TestChineseCatalogHasNoEnglishWords: the zh-CN UI speaks Chinese (UI.md); a Latin word in
// it is usually a copy of the English catalog. Product and format names are allowed.
func TestChineseCatalogHasNoEnglishWords(t *testing.T) {
	allowed := map[string]bool{"English": true, "IP": true, "App": true, "FreeOTP": true, "Google": true, "Authenticator": true, "Excel": true, "xlsx": true, "CSV": true, "csv": true, "JPG": true, "PNG": true, "s": true, "d": true}
	word := regexp.MustCompile(`[A-Za-z]{2,}`)
	for k, v := range catalogs(t)["zh-CN"] {
		for _, w := range word.FindAllString(v, -1) {
			if !allowed[w] {
				t.Errorf("zh-CN %s = %q contains the English word %q", k, v, w)
			}
		}
	}
}
