// Command lvzhi is the CPPCC duty-performance platform: one binary that serves the web
// pages and the API, migrates the database, manages accounts, backs up and verifies the
// audit log. Run `lvzhi help` for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "lvzhi:", err)
		os.Exit(1)
	}
}

// run is the whole program, with everything from the outside passed in, so tests start the
// real server through it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		args = []string{"help"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, rest, getenv, stdout, stderr, false)
	case "demo":
		return serve(ctx, rest, getenv, stdout, stderr, true)
	case "migrate":
		return migrate(ctx, rest, getenv, stdout, stderr)
	case "user":
		return userCommand(ctx, rest, getenv, stdin, stdout, stderr)
	case "backup":
		return backup(ctx, rest, getenv, stdout, stderr)
	case "audit":
		return auditCommand(ctx, rest, getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "lvzhi", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("未知命令 %q;运行 lvzhi help 查看用法", cmd)
}

const usage = `lvzhi — 政协履职服务平台

用法:
  lvzhi demo     [flags]        启动服务并载入演示政协(SQLite,适合试用)
  lvzhi serve    [flags]        启动服务(生产环境,不含演示数据)
  lvzhi migrate  [flags]        仅更新数据库结构
  lvzhi user add      [flags] USERNAME --name 姓名 --role sysadmin [--committee ID]
  lvzhi user passwd   [flags] USERNAME     重置密码(从标准输入读两次)
  lvzhi user unlock   [flags] USERNAME     解除锁定
  lvzhi user disable  [flags] USERNAME     停用账号
  lvzhi backup   [flags] FILE   在线备份 SQLite 数据库
  lvzhi audit verify [flags]    校验审计日志哈希链
  lvzhi version

通用参数(括号内为环境变量):
  --addr        监听地址 (LVZHI_ADDR,默认 127.0.0.1:8080)
  --data        数据目录 (LVZHI_DATA,默认 ./data)
  --db          SQLite 文件路径或 postgres:// 地址 (LVZHI_DB,默认 数据目录/lvzhi.db)
  --log-format  text 或 json (LVZHI_LOG_FORMAT,默认 text)
`
