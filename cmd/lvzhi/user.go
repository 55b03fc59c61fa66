package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"lvzhi"
	"lvzhi/store"
)

// userCommand runs `lvzhi user add|passwd|unlock|disable`: account work from the server's
// console, as the platform itself (audited as "system"). It is how the first system
// administrator of a new deployment is made.
func userCommand(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("用法:lvzhi user add|passwd|unlock|disable USERNAME")
	}
	sub := args[0]
	var name, role, committeeName, level string
	var committeeID int64
	cfg, rest, err := parseConfig("user "+sub, args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "姓名")
		fs.StringVar(&role, "role", "sysadmin", "角色")
		fs.Int64Var(&committeeID, "committee", 0, "所属政协编号")
		fs.StringVar(&committeeName, "committee-name", "", "新建政协的名称(尚无政协时)")
		fs.StringVar(&level, "level", "city", "新建政协的层级:national|province|city|county")
	})
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("用法:lvzhi user %s [flags] USERNAME", sub)
	}
	username := rest[0]
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	in := bufio.NewReader(stdin)
	switch sub {
	case "add":
		cid, err := ensureCommittee(ctx, st, committeeID, committeeName, lvzhi.Level(level))
		if err != nil {
			return err
		}
		password, err := readPassword(in, stdout)
		if err != nil {
			return err
		}
		if name == "" {
			name = username
		}
		u := lvzhi.User{CommitteeID: cid, Username: username, Name: name, Roles: []lvzhi.Role{lvzhi.Role(role)}}
		if _, err := st.CreateUser(ctx, lvzhi.System(cid), u, password); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "已创建账号 %s(%s)\n", username, lvzhi.RoleLabel[lvzhi.Role(role)])
		return nil
	}
	u, err := st.UserByName(ctx, lvzhi.System(0), username)
	if err != nil {
		return describe(err)
	}
	sys := lvzhi.System(u.CommitteeID)
	switch sub {
	case "passwd":
		password, err := readPassword(in, stdout)
		if err != nil {
			return err
		}
		err = st.ChangePassword(ctx, sys, u.ID, "", password)
		if err == nil {
			fmt.Fprintln(stdout, "密码已重置,该账号的所有会话已结束")
		}
		return describe(err)
	case "unlock":
		err = st.Unlock(ctx, sys, u.ID)
		if err == nil {
			fmt.Fprintln(stdout, "已解除锁定")
		}
		return describe(err)
	case "disable":
		_, err = st.ChangeUser(ctx, sys, u.ID, "disable", "命令行停用")
		if err == nil {
			fmt.Fprintln(stdout, "已停用,该账号的所有会话已结束")
		}
		return describe(err)
	}
	return fmt.Errorf("未知的子命令 %q", sub)
}

// ensureCommittee returns the committee to put a new account in: the one named by id, the
// only one there is, or a new one when the deployment has none yet.
func ensureCommittee(ctx context.Context, st *store.Store, id int64, name string, level lvzhi.Level) (int64, error) {
	if id != 0 {
		c, err := st.Committee(ctx, id)
		return c.ID, describe(err)
	}
	all, err := st.Committees(ctx)
	if err != nil {
		return 0, err
	}
	switch {
	case len(all) == 1 && name == "":
		return all[0].ID, nil
	case len(all) > 1 && name == "":
		return 0, errors.New("部署中有多个政协,请用 --committee 指定编号")
	case name == "":
		return 0, errors.New("还没有政协:请用 --committee-name 和 --level 同时创建")
	}
	c, err := st.CreateCommittee(ctx, lvzhi.System(0), lvzhi.Committee{Name: name, Level: level})
	return c.ID, describe(err)
}

// readPassword reads a new password twice from stdin (one line each), so a script can pipe it
// and a person sees a prompt.
func readPassword(in *bufio.Reader, stdout io.Writer) (string, error) {
	fmt.Fprint(stdout, "新密码:")
	p1, err := in.ReadString('\n')
	if err != nil && p1 == "" {
		return "", errors.New("未读到密码")
	}
	fmt.Fprint(stdout, "\n再次输入:")
	p2, _ := in.ReadString('\n')
	fmt.Fprintln(stdout)
	p1, p2 = strings.TrimRight(p1, "\r\n"), strings.TrimRight(p2, "\r\n")
	if p1 != p2 {
		return "", errors.New("两次输入的密码不一致")
	}
	return p1, nil
}

// describe turns a domain error into one line with its field messages.
func describe(err error) error {
	if err == nil {
		return nil
	}
	msg := lvzhi.ErrorMessage(err)
	for k, v := range lvzhi.ErrorFields(err) {
		msg += fmt.Sprintf(" [%s] %s", k, v)
	}
	if lvzhi.ErrorCodeOf(err) == lvzhi.ErrInternal {
		return err
	}
	return errors.New(msg)
}
