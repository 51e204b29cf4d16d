package support

// checkSegment records a violation at the parameter whose reference token
// is token when value cannot be one segment of a request path: empty, "."
// or "..". Escaping keeps a "/" inside the segment, but these three would
// make the request address another path (a path with an empty segment, or
// one that a server or proxy normalises away).
func (vs *violationList) checkSegment(token, rule, value string) {
	switch value {
	case "":
		vs.addField(nil, token, rule, "must not be empty: it is a segment of the request path")
	case ".", "..":
		vs.addField(nil, token, rule, "must not be \".\" or \"..\": as a segment of the request path it would address another path")
	}
}
