# dondoc replies in Vietnamese. Variables: $period (e.g. "tháng 9/2012"), $count, $unit, $words.

due-header = Việc đến hạn { $period } ({ $count }):
due-none = Không có việc nào đến hạn { $period }.
unit-header = { $unit }: nhiệm vụ { $period } ({ $count }):
unit-header-all = { $unit }: nhiệm vụ ({ $count }):
unit-none = { $unit } không có nhiệm vụ nào { $period }.
unit-none-all = Chưa có nhiệm vụ nào giao cho { $unit }.
unit-ongoing = Thường xuyên
mine-without-unit = Bạn chưa đăng ký đơn vị, nên tôi chưa biết "của tôi" là đơn vị nào. Hãy nêu tên đơn vị, ví dụ: "Ban Tuyên giáo cần làm gì?"
when-header = Thời gian thực hiện:
when-none = Không tìm thấy nhiệm vụ nào khớp với "{ $words }".
overdue-header = Quá hạn, chưa báo cáo hoàn thành{ $period } ({ $count }):
overdue-none = Không có việc nào quá hạn chưa báo cáo{ $period }.
overdue-missing = { $count ->
    [one] chưa báo cáo: { $units }
   *[other] { $count } đơn vị chưa báo cáo: { $units }
}
more = … và { $count } việc khác. Hãy hỏi hẹp hơn (theo tháng hoặc theo đơn vị).
lead = chủ trì: { $units }
support = phối hợp: { $units }
deadline-in-period = hạn trong kỳ
open-now = đang thực hiện
help =
    Tôi là Đôn đốc, trợ lý theo dõi thực hiện kế hoạch. Bạn có thể hỏi, có dấu hoặc không dấu:
examples =
    • "Việc gì đến hạn tháng này?"
    • "Ban Tuyên giáo cần làm gì trong quý này?"
    • "Khi nào kiểm điểm cấp huyện?"
unknown = Xin lỗi, tôi chưa hiểu câu hỏi. Bạn thử hỏi như sau:
heading-month = Tháng { $month }/{ $year }
heading-ongoing = Thường xuyên
period-day = ngày { $date }
period-month = tháng { $month }/{ $year }
period-quarter = quý { $quarter }/{ $year }
period-half = { $half ->
    [1] 6 tháng đầu năm { $year }
   *[2] 6 tháng cuối năm { $year }
}
period-year = năm { $year }
period-range = từ { $from } đến { $to }
period-upcoming = trong 30 ngày tới
period-recent = trong 12 tháng qua

## Chat (handlers/). Variables in { } are filled in by the bot; keep them.

start-title = Đôn đốc — trợ lý theo dõi thực hiện kế hoạch
start-intro = Tôi trả lời câu hỏi về các nhiệm vụ trong kế hoạch (việc gì đến hạn, đơn vị nào chủ trì, khi nào thực hiện), nhắc việc trước khi đến hạn và nhận báo cáo tiến độ của đơn vị.
start-need-code = Để bắt đầu, hãy gửi mã mời do Văn phòng cấp (8 ký tự, ví dụ: K7M2Q9XP).
automated-notice = (Đây là trợ lý tự động: các câu trả lời do máy soạn, không phải do cán bộ Văn phòng trả lời trực tiếp.)
start-registered = Chào { $name } ({ $unit }).
start-menu = Bạn có thể hỏi bằng lời, ví dụ "việc gì đến hạn tháng này?", hoặc chọn:
unregistered = Xin chào! Tôi là Đôn đốc, trợ lý theo dõi kế hoạch dành cho cán bộ đã được đăng ký. Bạn chưa đăng ký nên tôi chưa thể cung cấp thông tin.
registered = Đăng ký thành công. Chào { $name }, bạn thuộc { $unit }.
registered-admin = Đăng ký thành công với quyền quản trị. Chào { $name }, bạn thuộc { $unit }.
already-registered = Tài khoản này đã đăng ký: { $name } ({ $unit }).
invite-invalid = Mã không đúng. Hãy kiểm tra lại mã mời (8 ký tự) hoặc liên hệ Văn phòng.
invite-expired = Mã này đã hết hạn. Hãy xin Văn phòng mã mới.
invite-used-up = Mã này đã được dùng hết. Hãy xin Văn phòng mã mới.
invite-revoked = Mã này đã bị thu hồi. Hãy liên hệ Văn phòng.
account-blocked = Tài khoản của bạn đang bị khoá. Hãy liên hệ Văn phòng.
unsupported-message = Tôi chỉ đọc được tin nhắn chữ. Hãy gõ câu hỏi hoặc lệnh, ví dụ /trogiup.
unknown-command = Không có lệnh /{ $command }. Gõ /trogiup để xem các lệnh.
message-too-long = Tin nhắn quá dài (tối đa { $max } ký tự). Hãy gửi ngắn hơn.
question-too-long = Câu hỏi quá dài ({ $length } ký tự, tối đa { $max }). Hãy hỏi ngắn gọn hơn.
admin-only = Lệnh này chỉ dành cho quản trị viên.
button-invalid = Lựa chọn này không còn hiệu lực. Hãy hỏi lại hoặc gõ /trogiup.
error-generic = Xin lỗi, đã có lỗi khi xử lý tin nhắn. Hãy thử lại sau ít phút.
choice-hint = (Trả lời bằng số thứ tự để chọn.)
choice-hint-details = (Chọn số thứ tự để xem chi tiết và báo cáo.)
help-intro = Các lệnh:
menu-thangnay = Đến hạn tháng này
menu-tuannay = Đến hạn tuần này
menu-quahan = Quá hạn
menu-baocao = Cần báo cáo
menu-donvi = Việc của đơn vị
menu-caidat = Cài đặt
cmd-start = bắt đầu, nhập mã mời
cmd-thangnay = việc đến hạn tháng này
cmd-tuannay = việc đến hạn tuần này
cmd-quahan = việc quá hạn chưa báo cáo
cmd-donvi = nhiệm vụ của đơn vị (có thể kèm tên đơn vị)
cmd-baocao = việc đơn vị còn phải báo cáo
cmd-caidat = ngôn ngữ, nhắc việc
cmd-lienket = liên kết thêm Telegram/Zalo
cmd-huy = bỏ qua ghi chú đang chờ
cmd-trogiup = hướng dẫn
cmd-moi = (quản trị) tạo mã mời: /moi MÃ-ĐƠN-VỊ [admin] [số lần] [7d]
duty-not-found = Không tìm thấy nhiệm vụ này (có thể kế hoạch đã được cập nhật).
duty-plan = Kế hoạch { $plan }, mục { $ref }
duty-window = Thời gian: { $window } — { $phase ->
    [open] đang thực hiện
    [upcoming] sắp tới
   *[closed] đã kết thúc
}
duty-ongoing = Thời gian: thường xuyên
duty-lead = Chủ trì: { $units }
duty-support = Phối hợp: { $units }
duty-retired = (Nhiệm vụ này không còn trong kế hoạch hiện hành.)
duty-unit-status = { $unit }: { $status ->
    [done] đã hoàn thành
    [in_progress] đang thực hiện
    [blocked] có vướng mắc
   *[not_started] chưa bắt đầu
}
duty-unit-no-report = { $unit }: chưa báo cáo.
duty-report-prompt = Báo cáo tiến độ:
status-button = { $status ->
    [done] ✅ Hoàn thành
    [in_progress] ⏳ Đang làm
   *[blocked] ⚠️ Vướng mắc
}
status-name = { $status ->
    [done] đã hoàn thành
    [in_progress] đang làm
    [blocked] vướng mắc
   *[not_started] chưa bắt đầu
}
report-saved = Đã ghi nhận: { $unit } — { $status ->
    [done] hoàn thành
    [in_progress] đang thực hiện
   *[blocked] có vướng mắc
}.
report-note-prompt = Nếu cần, gửi một ghi chú ngắn (tối đa { $max } ký tự) trong tin nhắn tiếp theo, hoặc chọn Bỏ qua.
report-skip-note = Bỏ qua
report-not-responsible = { $unit } không chủ trì hay phối hợp nhiệm vụ này, nên không báo cáo được.
note-saved = Đã lưu ghi chú. Cảm ơn!
note-too-long = Ghi chú quá dài ({ $length } ký tự, tối đa { $max }). Hãy gửi lại ngắn hơn, hoặc gõ /huy để bỏ qua.
note-skipped = Đã bỏ qua ghi chú.
nothing-to-cancel = Không có gì đang chờ.
todo-header = { $unit } còn { $count } việc cần báo cáo:
todo-none = { $unit } đã báo cáo hoàn thành mọi việc đã đến kỳ. 👍
more-todo = … và { $count } việc khác.
settings-title = Cài đặt
settings-language = Ngôn ngữ: { $language ->
    [en] English
   *[vi] Tiếng Việt
}
settings-reminders = Nhắc việc: { $state ->
    [off] đã tắt
    [snoozed] tạm hoãn đến { $until }
   *[on] đang bật
}
settings-reminders-off = Tắt nhắc việc
settings-reminders-on = Bật nhắc việc
settings-snooze-day = Hoãn nhắc 1 ngày
settings-snooze-week = Hoãn nhắc 1 tuần
settings-unsnooze = Nhắc lại ngay
link-code = Mã liên kết của bạn (dùng một lần, hiệu lực { $minutes } phút):
link-how = Trên nền tảng kia (Telegram hoặc Zalo), mở Đôn đốc và gửi mã này (hoặc /start { $code }).
link-done = Đã liên kết { $channel } với hồ sơ của { $name }.
invite-usage = Cách dùng: /moi MÃ-ĐƠN-VỊ [admin] [số lần dùng] [thời hạn, ví dụ 7d]. Ví dụ: /moi TU-BTG 5 14d
invite-unknown-unit = Không tìm thấy đơn vị "{ $unit }". Hãy dùng mã đơn vị, ví dụ TU-BTG.
invite-created = Mã mời cho { $unit }{ $role ->
    [admin] , quyền quản trị
   *[official] {""}
}: dùng được { $uses } lần, hiệu lực { $days } ngày.
invite-how = Người được mời mở Đôn đốc trên Telegram hoặc Zalo và gửi mã này (hoặc /start { $code }).
invite-other-units = Tên này còn có thể là: { $units }. Nếu nhầm, hãy dùng mã đơn vị.

## Reminders and the admins' digest.

reminder-header = { $kind ->
    [before-open] ⏰ Nhắc việc: còn { $days } ngày nữa bắt đầu
    [open] ⏰ Nhắc việc: hôm nay bắt đầu
    [before-close] ⏰ Nhắc việc: còn { $days } ngày nữa đến hạn
   *[overdue] ⚠️ Quá hạn: đơn vị chưa báo cáo hoàn thành
}
duty-reminders-off = 🔕 Không nhắc việc này
duty-reminders-on = 🔔 Nhắc lại việc này
duty-reminders-now-off = Đã tắt nhắc việc cho: { $duty }
duty-reminders-now-on = Đã bật lại nhắc việc cho: { $duty }
digest-title = Tóm tắt ngày { $date }
digest-opening = Bắt đầu trong 7 ngày tới ({ $count }):
digest-closing = Đến hạn trong 7 ngày tới ({ $count }):
digest-overdue = Quá hạn chưa báo cáo hoàn thành ({ $count }):
digest-nothing = Không có việc nào bắt đầu, đến hạn hay quá hạn.
cmd-nhacviec = (quản trị) chính sách nhắc việc và tình trạng gửi
reminders-title = Nhắc việc
reminders-policy = Trước khi bắt đầu: { $beforeOpen } ngày · Ngày bắt đầu: { $onOpen ->
    [yes] có
   *[no] không
} · Trước hạn: { $beforeClose } ngày · Quá hạn: { $overdue ->
    [yes] có
   *[no] không
} · Đơn vị phối hợp: { $coordinating ->
    [yes] có
   *[no] không
}
reminders-counts = Đang chờ: { $pending } · Đã gửi: { $sent } · Thất bại: { $failed } · Đã hủy: { $cancelled }
reminders-change = Thay đổi cho từng kế hoạch hay nhiệm vụ: dondoc reminders policy set --plan MÃ [--duty KHÓA] …

## Notices (broadcasts) for admins.

cmd-thongbao = (quản trị) gửi thông báo: /thongbao all | unit:MÃ | level:district | duty:KHÓA
broadcast-header = 📢 Thông báo
broadcast-usage = Cách dùng: /thongbao all (hoặc unit:TU-BTG, level:district, duty:KHÓA), rồi gửi nội dung trong tin nhắn tiếp theo; hoặc viết nội dung ngay ở dòng dưới.
broadcast-bad-audience = Không rõ người nhận "{ $audience }".
broadcast-ask-text = Gửi nội dung thông báo tới { $audience } trong tin nhắn tiếp theo (tối đa { $max } ký tự), hoặc /huy.
broadcast-too-long = Thông báo quá dài ({ $length } ký tự, tối đa { $max }).
broadcast-preview-title = Xem trước thông báo
broadcast-preview = Tới { $audience }: { $officials } cán bộ — Telegram { $telegram }, Zalo { $zalo }. Chưa gửi gì cho đến khi bạn chọn Gửi.
broadcast-send = 📤 Gửi
broadcast-discard = Bỏ
broadcast-discarded = Đã bỏ thông báo, không gửi cho ai.
broadcast-already = Thông báo #{ $id } đã được xử lý ({ $status }).
broadcast-cancel = ⏹ Dừng gửi
broadcast-progress-title = Thông báo #{ $id }: { $status ->
    [queued] đang chờ gửi
    [sending] đang gửi
    [done] đã gửi xong
    [cancelled] đã dừng
   *[other] { $status }
}
broadcast-progress = Đã gửi { $sent } · Lỗi { $failed } · Còn lại { $remaining } (tổng { $total })

## The reporting picture for admins.

matrix-title = Tình hình báo cáo { $period }
matrix-none = chưa báo cáo
matrix-overdue = quá hạn, chưa xong
cmd-tinhhinh = (quản trị) tình hình báo cáo theo kỳ: /tinhhinh [tháng 9/2012]
status-title = Tình hình báo cáo { $period }
status-none = Không có việc nào { $period }.
status-support = phối hợp
status-picture = 📊 Ảnh
status-picture-caption = Bảng hoàn thành: { $units } đơn vị × { $windows } kỳ.
status-picture-cut = (Ảnh chỉ đủ chỗ cho một phần: bỏ bớt { $units } đơn vị, { $windows } kỳ; xuất đủ bằng dondoc report export.)
status-picture-zalo = Zalo chỉ nhận ảnh qua đường dẫn công khai: hãy xem ảnh trên Telegram, hoặc dùng dondoc report matrix.
cmd-canbo = (quản trị) danh sách cán bộ: /canbo [MÃ-ĐƠN-VỊ]
cmd-khoa = (quản trị) khoá cán bộ: /khoa SỐ
cmd-mokhoa = (quản trị) mở khoá: /mokhoa SỐ
cmd-quyen = (quản trị) đổi quyền: /quyen SỐ admin|official
officials-all = Tất cả cán bộ
officials-none = { $unit }: chưa có cán bộ nào đăng ký.
officials-how = ★ quản trị · 🚫 bị khoá. /khoa SỐ, /mokhoa SỐ, /quyen SỐ admin|official
officials-unreachable = { $channel } không gửi được (đã ngừng): { $reason }
officials-failing = { $channel }: { $count } lần gửi lỗi liên tiếp, vẫn thử tiếp ({ $reason })
officials-usage = Cách dùng: /khoa 12, /mokhoa 12, /quyen 12 admin (hoặc official).
officials-changed = Đã cập nhật cán bộ #{ $id }.
officials-unchanged = Cán bộ #{ $id } không thay đổi.
officials-missing = Không có cán bộ #{ $id }.
officials-last-admin = Không thể khoá hay bỏ quyền quản trị viên cuối cùng (#{ $id }).

## Plan drafts from documents (admins).

extract-too-large = Tệp quá lớn (tối đa { $max } MB).
extract-title = Bản nháp kế hoạch { $code }
extract-summary = Tìm thấy { $duties } nhiệm vụ, { $windows } kỳ ({ $dated } có ngày trong văn bản), { $recurring } việc định kỳ; { $uncertain } chỗ cần kiểm tra (đánh dấu CHECK), { $newUnits } đơn vị mới.
extract-next = Xem lại bản nháp rồi nhập bằng lệnh:

## Đọc văn bản kế hoạch (documentErrorMessage trong src/extract/document.ts): một thông báo cho mỗi loại lỗi.
document-error-too-large = Tệp "{ $name }" quá lớn ({ $size } MB); tôi chỉ đọc tệp tối đa { $max } MB.
document-error-zip-bomb = Tệp "{ $name }" khi giải nén lớn hơn nhiều so với bất kỳ kế hoạch nào nên đã bị từ chối.
document-error-corrupt-docx = Không mở được tệp Word "{ $name }" (tệp bị hỏng hoặc không đúng định dạng .docx). Hãy lưu lại thành .docx hoặc văn bản thuần (UTF-8) rồi gửi lại.
document-error-corrupt-pdf = Không đọc được tệp PDF "{ $name }" (tệp bị hỏng). Hãy xuất lại PDF hoặc gửi bản .docx.
document-error-encrypted-pdf = Tệp PDF "{ $name }" có mật khẩu bảo vệ. Hãy gửi bản không đặt mật khẩu.
document-error-no-text-layer = Tệp PDF "{ $name }" là bản quét, không có lớp chữ. Để đọc bản quét cần cài nhận dạng chữ: { $install }; hoặc gửi bản .docx hay văn bản thuần.
document-error-ocr-missing = Tệp "{ $name }" là ảnh; để đọc ảnh cần cài nhận dạng chữ (OCR): { $install }.
document-error-ocr-failed = Nhận dạng chữ trên tệp "{ $name }" không thành công. Hãy gửi bản quét rõ hơn hoặc bản .docx.
document-error-empty = Tệp "{ $name }" không có nội dung.
document-error-not-a-plan = Tệp "{ $name }" không phải là một kế hoạch triển khai: không tìm thấy tiêu đề "KẾ HOẠCH", các mục hay nhiệm vụ được giao.
document-error-unsupported-doc = Tệp "{ $name }" là văn bản Word cũ (.doc). Hãy mở bằng Word hoặc LibreOffice, lưu thành .docx rồi gửi lại.
document-error-unsupported-type = Tôi chỉ đọc được văn bản .txt (UTF-8), .docx, .pdf và ảnh quét (.png, .jpg), không đọc được "{ $name }".
document-error-not-utf8 = Tệp "{ $name }" không phải văn bản UTF-8 (có thể là bảng mã TCVN3 hoặc VNI). Hãy lưu lại với bảng mã UTF-8 rồi gửi lại.
document-error-unreadable = Không đọc được tệp: { $message }

## Web console (admins at a desk): pages, sign-in links, roster, plan review.

cmd-quantri = (quản trị) đường dẫn vào trang quản trị trên web: /quantri
web-link-title = Trang quản trị dondoc
web-link = Mở đường dẫn dưới đây để đăng nhập. Đường dẫn chỉ dùng được một lần, trong { $minutes } phút, và chỉ cho bạn; đừng chuyển cho người khác.
web-sign-in-title = Đăng nhập trang quản trị
web-sign-in-as = Đăng nhập với tư cách { $name }.
web-sign-in-button = Đăng nhập
web-sign-in-needed = Bạn chưa đăng nhập, hoặc phiên đăng nhập đã hết hạn.
web-sign-in-how = Để đăng nhập, quản trị viên gửi /quantri cho bot (hoặc chạy dondoc admin link) và mở đường dẫn nhận được.
web-link-refused-title = Không dùng được đường dẫn này
web-link-refused-unknown = Đường dẫn đăng nhập không đúng.
web-link-refused-used = Đường dẫn này đã được dùng. Mỗi đường dẫn chỉ đăng nhập được một lần; hãy xin đường dẫn mới.
web-link-refused-expired = Đường dẫn này đã hết hạn (10 phút). Hãy xin đường dẫn mới.
web-link-refused-not-admin = Chỉ quản trị viên mới vào được trang quản trị.
web-refused-title = Không được phép
web-refused-not-admin = Tài khoản của bạn không còn quyền quản trị, nên không vào được trang này.
web-csrf-refused = Yêu cầu bị từ chối: biểu mẫu thiếu mã bảo vệ (CSRF). Hãy tải lại trang rồi thử lại.
web-error-title = Có lỗi
web-error = Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy thử lại.
web-not-found = Không tìm thấy trang
web-sign-out = Đăng xuất
web-sign-out-others = Đăng xuất các phiên khác
web-signed-out-title = Đã đăng xuất
web-signed-out = Bạn đã đăng xuất khỏi trang quản trị.
web-other-sessions-ended = Đã đăng xuất { $count } phiên khác.
web-session-since = Đăng nhập lúc
web-session-last-seen = Lần cuối
web-session-browser = Trình duyệt
web-session-this = phiên này
web-nav-overview = Tổng quan
web-nav-plans = Kế hoạch
web-nav-officials = Cán bộ
web-nav-notices = Thông báo
web-nav-reminders = Nhắc việc
web-nav-audit = Nhật ký
web-nav-account = Phiên đăng nhập
web-all = Tất cả
web-none = Không có.
web-yes = có
web-no = không
web-filter = Lọc
web-from = Từ ngày
web-to = Đến ngày
web-plan = Kế hoạch
web-level = Cấp
web-unit = Đơn vị
web-window = Thời gian
web-section = Mục
web-duty = Nhiệm vụ
web-when = Lúc
web-official = Cán bộ
web-kind = Loại
web-platforms = Nền tảng
web-reason = Lý do
web-status = Trạng thái
web-progress = Tiến độ
web-newer = Mới hơn
web-older = Cũ hơn
web-plan-code = Số
web-plan-title = Tên kế hoạch
web-plan-issuer = Cơ quan ban hành
web-plan-issued = Ngày
web-plan-duties = Nhiệm vụ
web-plans-in-force = Kế hoạch đang thực hiện
web-no-plans = Chưa có kế hoạch nào.
web-windows-this-month = Các việc trong tháng này
web-no-windows-month = Tháng này không có việc nào.
web-matrix-title = Tình hình thực hiện (đơn vị × kỳ)
web-matrix-size = { $units } đơn vị × { $windows } kỳ; kỳ quá hạn xếp trước. Bấm vào một ô để xem các báo cáo của đơn vị.
web-matrix-empty = Không có kỳ nào trong khoảng thời gian và bộ lọc đã chọn.
web-matrix-page = Đơn vị: trang { $page }/{ $pages } · Kỳ: trang { $cols }/{ $colPages }
web-units-previous = đơn vị trước
web-units-next = đơn vị tiếp
web-windows-previous = kỳ trước
web-windows-next = kỳ tiếp
web-state-done = Hoàn thành
web-state-in_progress = Đang thực hiện
web-state-blocked = Vướng mắc
web-state-none = Chưa báo cáo
web-state-overdue = Quá hạn
web-download = Tải về
web-download-history = lịch sử báo cáo
web-cell-title = Báo cáo của đơn vị
web-cell-no-reports = Đơn vị chưa báo cáo kỳ này.
web-audit-action = Thao tác
web-audit-actor = Người thực hiện (số)
web-audit-words = Từ khoá
web-audit-at = Lúc
web-audit-target = Đối tượng
web-audit-details = Chi tiết
web-audit-count = { $count } mục
web-reminders-policy = Quy định nhắc việc đang áp dụng
web-reminders-before-open = Số ngày nhắc trước khi bắt đầu
web-reminders-on-open = Nhắc vào ngày bắt đầu
web-reminders-before-close = Số ngày nhắc trước hạn
web-reminders-overdue = Báo quá hạn
web-reminders-coordinating = Nhắc cả đơn vị phối hợp
web-reminders-overrides = Thay đổi theo kế hoạch hoặc nhiệm vụ
web-reminders-counts = Sổ nhắc việc
web-reminders-upcoming = Sắp nhắc ({ $days } ngày tới)
web-reminders-none-upcoming = Không có lời nhắc nào đến hạn.
web-reminders-failed = Gửi không được
web-reminders-sent = Đã gửi gần đây
web-notice-text = Nội dung (tối đa { $max } ký tự)
web-notice-text-short = Nội dung
web-notice-audience = Người nhận
web-notice-kind = Gửi cho
web-notice-target = Đơn vị, cấp hoặc nhiệm vụ
web-notice-target-help = Mã đơn vị (TU-BTG), cấp (district, commune…) hoặc mã nhiệm vụ (KEY hoặc KẾ-HOẠCH/KEY); để trống khi gửi tất cả.
web-notice-preview = Xem trước và đếm người nhận
web-notice-empty = Hãy viết nội dung thông báo.
web-notice-title = Thông báo #{ $id }
web-notices-recent = Thông báo gần đây
web-officials-count = Cán bộ
web-audience-all = tất cả cán bộ
web-audience-unit = một đơn vị
web-audience-level = một cấp
web-audience-duty = đơn vị của một nhiệm vụ
web-roster-title = Nhập danh sách cán bộ
web-roster-file = Tệp danh sách (.xlsx hoặc .csv)
web-roster-help = Cột: Họ và tên, Đơn vị (mã hoặc tên), Chức vụ, Điện thoại, Quyền (cán bộ/quản trị). Tối đa { $max } MB. Mọi dòng được kiểm tra trước; có lỗi thì không nhập dòng nào.
web-roster-import = Kiểm tra và nhập
web-roster-imported = Đã nhập { $count } cán bộ, mỗi người một mã mời.
web-roster-rejected = Không nhập: { $bad } trên { $total } dòng có lỗi. Sửa tệp rồi nhập lại; chưa có dòng nào được ghi.
web-roster-no-header = Không thấy dòng tiêu đề có cột "Họ và tên" và "Đơn vị".
web-roster-empty = Tệp không có dòng nào.
web-roster-too-many = Tệp quá nhiều dòng (tối đa { $max }).
web-roster-unreadable = Không đọc được tệp.
web-roster-missing-name = thiếu họ tên
web-roster-unknown-unit = không có đơn vị "{ $unit }"
web-roster-duplicate = trùng với dòng { $line }
web-roster-exists = đã có trong hệ thống (cán bộ #{ $id })
web-roster-bad-role = quyền "{ $role }" không hợp lệ (cán bộ hoặc quản trị)
web-roster-bad-phone = số điện thoại "{ $phone }" không hợp lệ
web-row = Dòng
web-name = Họ và tên
web-position = Chức vụ
web-phone = Điện thoại
web-role = Quyền
web-role-admin = quản trị
web-role-official = cán bộ
web-problems = Lỗi
web-officials-list = Danh sách cán bộ
web-officials-joined-count = { $joined } trên { $total } cán bộ đã tham gia.
web-joined = Đã tham gia
web-joined-yes = đã tham gia
web-joined-no = chưa tham gia
web-not-joined = chưa tham gia
web-bot-blocked = đã chặn bot
web-blocked = bị khoá
web-last-message = Tin nhắn cuối
web-actions = Thao tác
web-official-block = Khoá
web-official-unblock = Mở khoá
web-official-promote = Cấp quyền quản trị
web-official-demote = Bỏ quyền quản trị
web-invite-new = Mã mời mới
web-invite-created = Mã mời mới cho { $name }: { $code }
web-invite-code = Mã mời
web-invite-no-telegram = (chưa có bot Telegram: dùng mã)
web-invite-zalo = Zalo: nhắn mã { $code } cho bot
web-invite-valid-until = Dùng được đến { $until }
web-invite-sheets = Phiếu mời in theo đơn vị
web-invite-sheet = Phiếu mời
web-invite-sheet-help = In trang này (Ctrl+P): mỗi cán bộ chưa tham gia một phiếu, có mã và mã QR.
web-upload-refused = Tệp bị từ chối
web-upload-too-large = Tệp quá lớn: tối đa { $max } MB.
web-upload-missing = Hãy chọn một tệp.
web-upload-wrong-type = Không nhận tệp "{ $name }": chỉ nhận { $types }.
web-save = Lưu
web-plans-new = Thêm kế hoạch từ văn bản
web-plans-file = Tệp văn bản (.txt, .docx, .pdf; tối đa { $max } MB)
web-plans-paste = hoặc dán nội dung văn bản
web-plans-extract = Đọc văn bản và lập bản nháp
web-plans-drafts = Bản nháp đang rà soát
web-plans-draft-name = Tệp
web-plans-updated = Sửa lần cuối
web-plans-stored = Kế hoạch đã nhập
web-plans-review = Rà soát bản nháp
web-plans-already-imported = Bản nháp này đã được nhập (kế hoạch { $code }).
web-plans-metadata = Thông tin kế hoạch
web-plans-field-code = Số kế hoạch
web-plans-field-title = Tên
web-plans-field-issuer = Cơ quan ban hành
web-plans-field-place = Nơi ban hành
web-plans-field-issuedOn = Ngày ban hành (YYYY-MM-DD)
web-plans-check = Cần kiểm tra
web-plans-proposed-units = Đơn vị mới đề xuất
web-plans-new-unit = đơn vị mới
web-plans-unit-code = Mã
web-plans-duties = Nhiệm vụ ({ $count })
web-plans-help = Ô viền cam là chỗ máy đọc chưa chắc chắn. Đơn vị: mã, cách nhau bằng dấu phẩy (gợi ý khi gõ), hoặc level:district cho mọi đơn vị một cấp. Thời gian: mỗi dòng một kỳ, YYYY-MM-DD..YYYY-MM-DD, có thể thêm "every 6 months", "until YYYY-MM-DD". Mỗi thay đổi được lưu ngay.
web-plans-lead = Chủ trì
web-plans-support = Phối hợp
web-plans-windows = Thời gian, định kỳ
web-plans-source = Đoạn văn bản gốc
web-plans-others = ngoài danh mục đơn vị
web-plans-line = dòng { $line }
web-plans-table-row = bảng { $table }, hàng { $row }
web-plans-merge = Gộp lên trên
web-plans-merge-help = Gộp nhiệm vụ này vào nhiệm vụ ngay trên
web-plans-delete = Xoá
web-plans-add = Thêm nhiệm vụ
web-plans-validate = Kiểm tra
web-plans-import = Nhập kế hoạch…
web-plans-yaml = Tải bản nháp YAML
web-plans-discard = Bỏ bản nháp
web-plans-invalid = Bản nháp còn { $count } lỗi, ghi ngay tại ô cần sửa.
web-plans-valid = Bản nháp hợp lệ: có thể nhập.
web-plans-not-saved = Chưa lưu
web-plans-dry-run = Nhập thử (chưa ghi gì): đây là những gì sẽ thay đổi.
web-plans-confirm-import = Xác nhận nhập
web-plans-back-to-draft = Quay lại bản nháp
web-plans-import-title = Nhập kế hoạch { $code }
web-plans-imported = Đã nhập kế hoạch { $code }.
web-plans-gone = Bản nháp này không còn (đã nhập hoặc đã bỏ).
web-plans-outcome = Kế hoạch { $code }: { $outcome }
web-plans-diff-added = Thêm
web-plans-diff-changed = Sửa
web-plans-diff-retired = Ngừng (giữ lại vì đã có báo cáo)
web-plans-diff-removed = Xoá
web-plans-diff-unchanged = Không đổi: { $count }
web-plans-diff-units = Đơn vị mới
web-plans-diff-levels = Cấp mới
web-plans-edit-source = sửa đoạn trích

## follow-up statistics

followup-window = Đúng hạn { $onTime } · Trễ hạn { $late } · Trong hạn { $open } · Quá hạn { $overdue }{ $overdue ->
    [0] {""}
   *[other] {" "}(đến { $days } ngày)
}
followup-days-late = trễ { $days } ngày
followup-days-overdue = quá hạn { $days } ngày
followup-units-title = Tỉ lệ hoàn thành theo đơn vị { $period }
followup-total = Tổng
followup-rates = { $windows } lượt việc; đúng hạn { $onTime }, trễ { $late }, trong hạn { $open }, quá hạn { $overdue } — hoàn thành { $doneRate }%, đúng hạn { $onTimeRate }%
followup-admins-only = Xin lỗi, câu hỏi này chỉ dành cho quản trị viên. Anh/chị có thể hỏi việc của đơn vị mình, ví dụ "đơn vị tôi cần làm gì?".
followup-late-none = Không có việc nào hoàn thành trễ hạn { $period }.
followup-late-header = { $count } lượt việc hoàn thành trễ hạn { $period }:
followup-silent-none = Mọi đơn vị đều đã báo cáo { $period }.
followup-silent-header = { $count } đơn vị chưa báo cáo { $period }:
followup-silent-line = { $windows } việc chưa báo cáo{ $overdue ->
    [0] {""}
   *[other] , { $overdue } việc đã quá hạn
}
followup-more = … và { $count } mục khác.
followup-label-on-time = Đúng hạn
followup-label-late = Trễ hạn
followup-label-open = Trong hạn
followup-label-overdue = Quá hạn
followup-label-rates = Hoàn thành { $doneRate }% · đúng hạn { $onTimeRate }% · quá hạn { $overdueRate }%

## escalation and leaders

reminder-overdue-days = ⚠️ Quá hạn { $days } ngày: đơn vị chưa báo cáo hoàn thành
reminder-nudge = 🔔 Nhắc báo cáo: đơn vị chưa báo cáo việc này
escalation-header = 🚨 Báo cáo lãnh đạo: quá hạn { $days } ngày
escalation-body = { $unit } chưa báo cáo hoàn thành “{ $duty }” [{ $ref }], đã quá hạn { $days } ngày.
nudge-button = 🔔 Nhắc các đơn vị chưa báo cáo
nudge-sent = Đã nhắc { $count } cán bộ của các đơn vị chưa báo cáo.
nudge-already = Hôm nay đã nhắc việc này rồi ({ $count } cán bộ).
nudge-closed = Không có đơn vị nào cần nhắc.
web-role-leader = Lãnh đạo

## confirmation, extensions, evidence
cmd-xacnhan = (quản trị) hoàn thành chờ xác nhận và đề nghị gia hạn: /xacnhan
cmd-giahan = xin gia hạn một việc: /giahan 3 15/10 vì chờ số liệu
confirm-none = Không có hoàn thành nào chờ xác nhận và không có đề nghị gia hạn nào.
confirm-header = Chờ cơ quan giao việc xem xét: { $count }
confirm-button-ok = Xác nhận
confirm-button-return = Trả lại
confirm-reason-prompt = Gửi lý do trả lại (tối đa { $max } ký tự). Gõ /huy để thôi.
confirm-forbidden = Chỉ quản trị viên của cơ quan giao việc mới được xác nhận hoặc duyệt việc này.
confirm-already = Việc này đã được xem xét rồi.
confirm-done = Đã xác nhận hoàn thành của { $unit }.
confirm-returned = Đã trả lại báo cáo của { $unit }; đơn vị sẽ được báo kèm lý do.
report-awaits-confirmation = Báo cáo hoàn thành sẽ được tính khi cơ quan giao việc xác nhận.
evidence-line = văn bản { $number } ngày { $date }
extension-line = { $unit } xin gia hạn «{ $title }» từ { $from } đến { $to }
extension-button-approve = Đồng ý
extension-button-refuse = Không đồng ý
extension-button-ask = Xin gia hạn
extension-prompt = Gửi hạn mới và lý do, ví dụ: 15/10 vì chờ số liệu. Gõ /huy để thôi.
extension-unparsed = Chưa đọc được ngày. Ví dụ: 15/10 vì chờ số liệu.
extension-usage = Cách dùng: /giahan 3 15/10 vì chờ số liệu (3 là số thứ tự trong /baocao).
extension-no-item = Không có việc số đó; /baocao đang có { $count } việc.
extension-reason-missing = Hãy nêu lý do xin gia hạn, ví dụ: 15/10 vì chờ số liệu.
extension-not-later = Hạn mới phải sau hạn hiện tại ({ $date }).
extension-already = Đã có một đề nghị gia hạn đến { $date } đang chờ duyệt.
extension-requested = Đã gửi đề nghị gia hạn đến { $date }; đang chờ cơ quan giao việc duyệt.
extension-approved = Đã đồng ý gia hạn cho { $unit } đến { $date }.
extension-refused = Đã không đồng ý gia hạn cho { $unit } đến { $date }.
evidence-saved = Đã lưu tệp minh chứng { $name } cùng báo cáo.
evidence-too-large = Tệp quá lớn: tối đa { $max } MB. Hãy gửi tệp nhỏ hơn hoặc ghi số, ngày văn bản vào ghi chú.
evidence-files = Minh chứng: { $count } tệp
confirm-unit-confirmed = Cơ quan giao việc đã xác nhận hoàn thành:
confirm-unit-returned = Cơ quan giao việc đã trả lại báo cáo hoàn thành (lý do: { $reason }); việc được tính là chưa xong:
confirm-admin-new = { $unit } báo cáo hoàn thành, chờ xác nhận:
extension-unit-approved = Cơ quan giao việc đã đồng ý gia hạn đến { $date }:
extension-unit-refused = Cơ quan giao việc không đồng ý gia hạn đến { $date }:
extension-admin-new = { $unit } xin gia hạn từ { $from } đến { $to }:

## calendar feeds (/lich)
cmd-lich = địa chỉ lịch riêng (Google Calendar, Outlook, iPhone) với các hạn việc của đơn vị: /lich
calendar-title = 📅 Lịch hạn việc của { $unit }
calendar-created = Địa chỉ lịch riêng của bạn. Đừng chia sẻ: ai có địa chỉ này đều xem được lịch.
calendar-how =
    Cách thêm vào lịch:
    • Google Calendar (trên máy tính): Cài đặt → Thêm lịch → Từ URL, dán địa chỉ.
    • Outlook: Thêm lịch → Đăng ký từ web (Subscribe from web), dán địa chỉ.
    • iPhone: Cài đặt → Lịch → Tài khoản → Thêm tài khoản → Khác → Thêm lịch đã đăng ký.
    Lịch tự cập nhật vài giờ một lần; hạn được gia hạn sẽ tự dời.
calendar-existing = Bạn đã có địa chỉ lịch của { $unit } từ { $date }. dondoc chỉ giữ dấu vân tay của địa chỉ nên không gửi lại được địa chỉ cũ. Chọn “Địa chỉ mới” để nhận địa chỉ khác (địa chỉ cũ ngừng hoạt động).
calendar-button-new = Địa chỉ mới
calendar-button-revoke = Thu hồi
calendar-revoked = Đã thu hồi địa chỉ lịch; lịch đã đăng ký sẽ không cập nhật nữa. Gõ /lich để nhận địa chỉ mới.
calendar-none = Địa chỉ lịch này đã được thu hồi hoặc thay rồi.
calendar-no-public-address = Văn phòng chưa đặt địa chỉ công khai cho dondoc (PUBLIC_BASE_URL) nên chưa cấp được địa chỉ lịch. Hãy báo quản trị viên.
calendar-loopback = Chưa có địa chỉ công khai (PUBLIC_BASE_URL): địa chỉ dưới đây chỉ mở được trên chính máy chạy dondoc.
calendar-not-yours = Bạn chỉ nhận được lịch của đơn vị mình; lịch của đơn vị khác do quản trị viên cấp.
calendar-unknown-unit = Không tìm thấy đơn vị “{ $unit }”. Ví dụ: /lich TU-BTG
calendar-description = Các khoảng thời gian và hạn việc của { $unit } theo các kế hoạch trong dondoc.
calendar-event-due = Hạn { $date } · { $title }
calendar-event-plan = Kế hoạch { $code }: { $title }
calendar-event-ref = Mục { $ref }
calendar-event-role = Vai trò: { $role ->
    [lead] chủ trì
   *[support] phối hợp
}
calendar-event-role-short = { $role ->
    [lead] Chủ trì
   *[support] Phối hợp
}
calendar-event-window = Thời gian: { $from } – { $to }
calendar-event-extended = Được gia hạn đến { $date }
calendar-event-status = Tình trạng của đơn vị: { $state } (báo cáo: { $reported })
calendar-event-footer = Lịch do dondoc tạo từ kế hoạch; báo cáo tiến độ trong chat với bot.
## Unit work groups (/nhom): linking a Telegram group, posting reminders and notices there, answers in the group
cmd-nhom = (quản trị) nhóm làm việc của đơn vị: /nhom MÃ-ĐƠN-VỊ trong nhóm để liên kết; /nhom bat | tat | huy
group-use-private = Hãy dùng trò chuyện riêng với bot.
group-not-for-you = Hãy nhắn riêng cho bot để hỏi về việc của đơn vị mình: { $link }
group-report-private = Báo cáo kết quả trong trò chuyện riêng với bot: { $link }
group-private-only = Lệnh này dùng trong trò chuyện riêng với bot: { $link }
group-not-linked = Nhóm này chưa liên kết với đơn vị nào. Quản trị viên gõ /nhom MÃ-ĐƠN-VỊ (hoặc tên đơn vị) trong nhóm để liên kết.
group-linked = Đã liên kết nhóm này với { $unit }. Thành viên nhắc đến bot để hỏi việc của đơn vị; báo cáo vẫn gửi riêng cho bot.
group-moved = Đã chuyển liên kết của nhóm từ { $from } sang { $unit }.
group-status = Nhóm này liên kết với { $unit }. Gửi nhắc việc và thông báo vào nhóm: { $on ->
    [on] đang bật
   *[off] đang tắt
}. Gõ /nhom bat hoặc /nhom tat để đổi.
group-delivery-changed = { $on ->
    [on] Đã bật
   *[off] Đã tắt
} gửi nhắc việc và thông báo của { $unit } vào các nhóm đã liên kết.
group-unlinked = Đã huỷ liên kết nhóm này với { $unit }.
group-unknown-unit = Không tìm thấy đơn vị «{ $unit }». Gõ mã đơn vị, ví dụ /nhom TU-BTG.
group-ambiguous-unit = Có nhiều đơn vị khớp với «{ $unit }»: { $codes }. Hãy gõ mã đơn vị.
group-list-none = Chưa có nhóm nào được liên kết. Thêm bot vào nhóm Telegram của đơn vị rồi gõ /nhom MÃ-ĐƠN-VỊ trong nhóm.
group-list-header = Nhóm làm việc đã liên kết ({ $count }):
group-list-line = { $title } — { $unit } — gửi vào nhóm: { $on ->
    [on] bật
   *[off] tắt
}
group-list-inactive = bot không còn trong nhóm ({ $reason })
group-list-how = Trong trò chuyện riêng: /nhom bat MÃ-ĐƠN-VỊ hoặc /nhom tat MÃ-ĐƠN-VỊ để bật, tắt việc gửi vào nhóm của đơn vị.
group-header-notice = 📢 Thông báo gửi { $unit }
## Periodic report drafts (.docx): dondoc report draft, the /tinhhinh button, the console's download.
draft-number = Số:      /{ $number }
draft-nation = CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
draft-motto = Độc lập - Tự do - Hạnh phúc
draft-place-date = { $place }, ngày … tháng … năm { $year }
draft-title = BÁO CÁO
draft-subtitle = Kết quả thực hiện Kế hoạch số { $code } ngày { $issuedOn } của { $issuer }
draft-section-situation = I. TÌNH HÌNH CHUNG
draft-section-results = II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ
draft-section-statistics = III. THỐNG KÊ KẾT QUẢ THEO ĐƠN VỊ
draft-section-limitations = IV. HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC
draft-section-next = V. NHIỆM VỤ KỲ TỚI
draft-situation = Trong { $period }, Kế hoạch số { $code } có { $windows } mốc thực hiện nhiệm vụ, giao cho { $units } đơn vị, tổng cộng { $cells } lượt việc của các đơn vị. Số liệu tính đến ngày { $today }.
draft-situation-counts = Kết quả: hoàn thành đúng hạn { $onTime } lượt; hoàn thành trễ hạn { $late } lượt; đang thực hiện trong hạn { $open } lượt; quá hạn chưa hoàn thành { $overdue } lượt.
draft-situation-rates = Tỉ lệ hoàn thành { $doneRate }; tỉ lệ hoàn thành đúng hạn { $onTimeRate }; tỉ lệ quá hạn { $overdueRate }.
draft-no-duties = Kế hoạch không có nhiệm vụ nào có thời hạn trong { $period }.
draft-plan-section = Mục { $key }. { $heading }
draft-plan-section-bare = Mục { $key }
draft-window = Thời gian thực hiện: từ { $from } đến { $to }.
draft-silent = Chưa báo cáo ({ $count } đơn vị)
draft-silent-overdue = { $count } đơn vị đã quá hạn
draft-support = Đơn vị phối hợp: { $units }.
draft-lead-done-on-time = đã hoàn thành đúng hạn
draft-lead-done-late = đã hoàn thành, trễ { $days } ngày
draft-lead-awaiting = báo cáo hoàn thành, chờ xác nhận
draft-lead-status = { $status ->
    [in_progress] đang thực hiện
    [blocked] gặp khó khăn, vướng mắc
    [done] đã hoàn thành
   *[other] chưa báo cáo
  }
draft-lead-open = trong hạn
draft-lead-overdue = quá hạn { $days } ngày
draft-lead-note = ghi chú: “{ $note }”
draft-lead-evidence = văn bản số { $number }
draft-lead-evidence-dated = văn bản số { $number } ngày { $date }
draft-lead-files = { $count } tệp minh chứng
draft-lead-reported = báo cáo ngày { $date }
draft-statistics-intro = Số liệu tính đến ngày { $today } (mỗi lượt việc là một đơn vị trong một mốc thực hiện):
draft-table-number = STT
draft-table-unit = Đơn vị
draft-table-cells = Số lượt việc
draft-table-on-time = Đúng hạn
draft-table-late = Trễ hạn
draft-table-open = Trong hạn
draft-table-overdue = Quá hạn
draft-table-rate = Tỉ lệ hoàn thành
draft-total = Tổng cộng
draft-blocked-intro = Có { $count } lượt việc đơn vị báo cáo gặp khó khăn, vướng mắc:
draft-blocked-no-note = không nêu lý do
draft-overdue-intro = Có { $count } đơn vị còn việc quá hạn chưa hoàn thành:
draft-overdue-unit = { $unit }: { $count } lượt việc quá hạn, lâu nhất { $days } ngày.
draft-late-intro = Có { $count } lượt việc hoàn thành trễ hạn, trong đó:
draft-late-row = { $unit } ({ $ref }): trễ { $days } ngày.
draft-more = … và { $count } lượt khác.
draft-no-limitations = Trong kỳ chưa ghi nhận khó khăn, vướng mắc hay việc quá hạn.
draft-next-intro = Trong { $period }, Kế hoạch có { $count } mốc thực hiện bắt đầu:
draft-next-none = Kế hoạch không có mốc thực hiện nào bắt đầu trong { $period }.
draft-next-lead = chủ trì: { $units }
draft-and-more = và { $count } đơn vị khác
draft-recipients = Nơi nhận:
draft-recipients-list = - { $issuer } (báo cáo);
    - Các đơn vị được giao nhiệm vụ;
    - Lưu Văn phòng.
draft-on-behalf = T/M { $body }
draft-signer-title = (Chức vụ người ký)
draft-signer-hint = (Ký tên, đóng dấu)
draft-signer-name = (Họ và tên)
draft-button = 📄 Dự thảo báo cáo { $plan }
draft-caption = Dự thảo báo cáo kết quả thực hiện Kế hoạch số { $plan } ({ $period }).
draft-plan-missing = Không còn kế hoạch này trong hệ thống.
draft-admins-only = Xin lỗi, dự thảo báo cáo chỉ dành cho quản trị viên.
draft-period-invalid = Kỳ báo cáo không hợp lệ.
web-draft-title = Dự thảo báo cáo định kỳ
web-draft-period = Kỳ báo cáo
web-draft-button = Tải dự thảo (.docx)
web-draft-hint = Ví dụ: 2012-H2, 2012, 2012-Q3, 2012-09 hoặc 2012-07-01..2012-12-31.
web-draft-invalid = Kỳ báo cáo không hợp lệ: dùng 2012, 2012-H1, 2012-H2, 2012-Q3, 2012-09 hoặc 2012-07-01..2012-12-31.
draft-zalo = Zalo không nhận tệp .docx từ dondoc. Tải dự thảo ở trang quản trị: { $url }
