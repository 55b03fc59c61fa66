package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"lvzhi/demo"
	"lvzhi/store"
	"lvzhi/web"
)

// serve runs the web server until ctx is cancelled (SIGINT or SIGTERM), then stops taking
// connections and lets requests in flight finish. With withDemo it first loads the demo
// committee and waives the administrators' second factor, saying so on every page.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, withDemo bool) error {
	start := time.Now()
	cfg, _, err := parseConfig("serve", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	log := cfg.logger(stderr)
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	wcfg := web.Config{Version: version, DataDir: cfg.DataDir, SecureCookie: cfg.SecureCookie, Logger: log}
	if withDemo {
		st.WaiveTOTP = true
		sum, err := demo.Load(ctx, st)
		if err != nil {
			return fmt.Errorf("载入演示数据: %w", err)
		}
		wcfg.Demo, wcfg.DemoPassword = true, demo.Password
		for _, a := range demo.Accounts {
			wcfg.DemoAccounts = append(wcfg.DemoAccounts, a.Username)
		}
		fmt.Fprintf(stdout, "演示政协:%s(在任委员 %d 人,界别 %d 个,专门委员会 %d 个)\n", sum.CityName, sum.Members, sum.Sectors, sum.SpecialCommittees)
		fmt.Fprintf(stdout, "演示账号:%s  密码:%s\n", strings.Join(wcfg.DemoAccounts, " "), demo.Password)
	} else if ok, err := st.HasUsers(ctx); err != nil {
		return err
	} else if !ok {
		fmt.Fprint(stdout, firstAdminHelp)
	}
	handler, err := web.NewServer(st, wcfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(stdout, "lvzhi %s 已启动:http://%s (数据库:%s,启动用时 %d 毫秒)\n", version, ln.Addr(), describeDB(cfg.DB), time.Since(start).Milliseconds())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: waiting for requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "lvzhi 已停止")
	return nil
}

// describeDB names the database without its password.
func describeDB(dsn string) string {
	if store.IsPostgres(dsn) {
		return "PostgreSQL"
	}
	return "SQLite " + dsn
}

const firstAdminHelp = `数据库中还没有任何账号。请先创建政协和第一个系统管理员,例如:
  lvzhi user add admin --name 系统管理员 --role sysadmin --committee-name 政协某某市委员会 --level city
然后用 admin 登录,在“账号管理”中创建其他账号。
`

// migrate brings the schema up to date and exits; Open does the work.
func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("migrate", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintln(stdout, "数据库结构已是最新:", describeDB(cfg.DB))
	return nil
}

// auditCommand runs `lvzhi audit verify`.
func auditCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("用法:lvzhi audit verify [flags]")
	}
	cfg, _, err := parseConfig("audit", args[1:], getenv, stderr, nil)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	n, broken, err := st.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if broken != 0 {
		return fmt.Errorf("审计日志校验失败:第 %d 条记录被修改、删除或插入(此前 %d 条完好)", broken, n)
	}
	fmt.Fprintf(stdout, "审计日志完好:共 %d 条,哈希链无断裂\n", n)
	return nil
}
