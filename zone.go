package lvzhi

import "time"

// China is the time zone of every committee: the dates on pages, in messages, in documents and
// in the periods of statistics are China Standard Time, whatever zone the server runs in.
var China = time.FixedZone("CST", 8*3600)
