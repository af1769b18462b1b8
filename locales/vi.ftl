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
level-province = các đơn vị cấp tỉnh
level-district = các huyện ủy và tương đương
level-grassroots = các cấp ủy cơ sở
level-cell = các chi bộ
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
